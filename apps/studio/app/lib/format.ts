const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** "2 October 2026", as the reader shows it (UTC, fixed locale: the same on server and browser). */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** "2 Oct 2026, 14:05 UTC": Studio shows times, always in UTC so everyone reads the same. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** Comma- or newline-separated tags, trimmed, without blanks or repeats. */
export function parseTags(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[,\n]/)
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}
