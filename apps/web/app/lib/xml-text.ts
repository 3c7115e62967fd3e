/**
 * Characters XML 1.0 does not allow anywhere, even escaped: C0 controls other than tab, line
 * feed and carriage return, U+FFFE and U+FFFF, and UTF-16 surrogates that are not part of a
 * pair. Stored text may hold them (an import, SQL by hand); one of them makes a whole feed
 * unreadable to a strict parser.
 */
const XML_INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text that can go into an XML document (escaping is the serializer's job). */
export function xmlSafeText(text: string): string {
  return text.replace(XML_INVALID, '');
}
