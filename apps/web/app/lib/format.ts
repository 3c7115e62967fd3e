const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2 October 2026": the same on the server and in the browser (UTC, fixed locale). */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}
