import GithubSlugger, { slug as githubSlug } from 'github-slugger';

/**
 * Anchors for headings, unique within one article and stable: the same headings in the same
 * order always give the same anchors (GitHub's rules: "Why it matters" -> "why-it-matters",
 * a repeat -> "why-it-matters-1"). A section without a heading gets "section-<n>".
 */
export function anchorsFor(headings: ReadonlyArray<string | null | undefined>): string[] {
  const slugger = new GithubSlugger();
  return headings.map((heading, index) => {
    const slug = heading ? slugger.slug(heading) : '';
    return slug === '' ? slugger.slug(`section-${index + 1}`) : slug;
  });
}

/** An anchor for a new heading that differs from every anchor already taken in the article. */
export function uniqueAnchor(heading: string | null | undefined, taken: ReadonlySet<string>): string {
  const base = (heading ? githubSlug(heading) : '') || 'section';
  if (!taken.has(base)) return base;
  for (let n = 1; ; n++) {
    if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}

/** A URL slug for an article title: lower case ASCII words joined by hyphens, at most 80 chars. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    // Accents, and invisible format characters (bidi controls, zero-width joiners) that would
    // otherwise split a word.
    .replace(/[\u0300-\u036f]|\p{Cf}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 80).replace(/-+$/, '') || 'untitled';
}
