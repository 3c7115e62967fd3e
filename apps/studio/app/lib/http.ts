/** Studio's pages are about one signed-in person: no cache anywhere may keep them. */
export const NO_STORE = 'private, no-store';

/** Passes on no-store to every page (Remix asks each route for its headers). */
export function noStore(): HeadersInit {
  return { 'Cache-Control': NO_STORE };
}
