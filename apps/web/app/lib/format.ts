const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

// Formatting a date through Intl is the costliest call on an article page after React itself
// (five dates a page), and a date shown is a UTC day: each day is formatted once per process.
const byDay = new Map<string, string>();
const MAX_DAYS = 20_000; // more than fifty years of days; cleared whole if ever reached
const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;

/** "2 October 2026": the same on the server and in the browser (UTC, fixed locale). */
export function formatDate(iso: string): string {
  // Only a UTC timestamp's day is its first ten characters; anything else is formatted as is.
  if (!UTC_TIMESTAMP.test(iso)) return dateFormat.format(new Date(iso));
  const day = iso.slice(0, 10);
  let formatted = byDay.get(day);
  if (formatted === undefined) {
    formatted = dateFormat.format(new Date(iso));
    if (byDay.size >= MAX_DAYS) byDay.clear();
    byDay.set(day, formatted);
  }
  return formatted;
}
