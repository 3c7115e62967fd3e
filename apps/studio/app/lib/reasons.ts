/** How moderators read the reasons readers chose. */
export const REASON_LABELS: Record<string, string> = {
  SPAM: 'Spam',
  MISINFORMATION: 'Misinformation',
  HARASSMENT_OR_HATE: 'Harassment or hate',
  COPYRIGHT: 'Copyright',
  ILLEGAL: 'Illegal',
  SELF_HARM: 'Self-harm',
  SEXUAL_CONTENT: 'Sexual content',
  OTHER: 'Other',
};

/** "Spam ×2, Other" for a group of reports. */
export function reasonSummary(reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => `${REASON_LABELS[reason] ?? reason}${count > 1 ? ` ×${count}` : ''}`)
    .join(', ');
}
