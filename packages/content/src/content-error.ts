/** A document that cannot become an article; the message says why, for the importer to print. */
export class ContentParseError extends Error {
  override name = 'ContentParseError';
}
