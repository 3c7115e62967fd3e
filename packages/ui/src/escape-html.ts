const ESCAPES: Record<string, string> = {
  '"': '&quot;',
  '&': '&amp;',
  "'": '&#x27;',
  '<': '&lt;',
  '>': '&gt;',
};

/**
 * React's escaping of text and attribute values, for markup written as text that must be
 * byte for byte what React's server render writes (articleBodyHtml, tableOfContentsHtml, the
 * reader's related articles).
 */
export function escapeHtml(text: string): string {
  return text.replace(/["&'<>]/g, (character) => ESCAPES[character]!);
}
