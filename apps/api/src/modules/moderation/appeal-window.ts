/** How long after a decision it may be appealed. */
export const APPEAL_WINDOW_MONTHS = 6;

/** The last moment a decision made at `decidedAt` may be appealed: six calendar months on. */
export function appealDeadline(decidedAt: Date): Date {
  const deadline = new Date(decidedAt.getTime());
  const day = deadline.getUTCDate();
  deadline.setUTCDate(1);
  deadline.setUTCMonth(deadline.getUTCMonth() + APPEAL_WINDOW_MONTHS);
  // 31 August + 6 months is the last day of February, not early March.
  const lastDay = new Date(
    Date.UTC(deadline.getUTCFullYear(), deadline.getUTCMonth() + 1, 0),
  ).getUTCDate();
  deadline.setUTCDate(Math.min(day, lastDay));
  return deadline;
}

export function withinAppealWindow(decidedAt: Date, now: Date): boolean {
  return now.getTime() <= appealDeadline(decidedAt).getTime();
}
