// What an article's slug may be: the API stores it (varchar(200)), the reader routes on it.

/** The slug column's length, and so the longest slug anyone may ask for. */
export const ARTICLE_SLUG_MAX_LENGTH = 200;

/**
 * The shape of a slug, whatever its length: lower-case ASCII letters, digits and hyphens, not
 * starting with a hyphen (as @folio/content's slugify makes them). Inputs that report an
 * over-long slug with its own message check ARTICLE_SLUG_MAX_LENGTH beside it.
 */
export const ARTICLE_SLUG_SHAPE = /^[a-z0-9][a-z0-9-]*$/;

/**
 * True for a string that can be a slug (shape and length). Anything else (path tricks, NUL
 * bytes, 5,000 characters) names no article, so it is answered without a query.
 */
export function isArticleSlug(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= ARTICLE_SLUG_MAX_LENGTH &&
    ARTICLE_SLUG_SHAPE.test(value)
  );
}
