// WordPress shortcodes ("[gallery ids=1,2]", "[caption]…[/caption]") are macros the site's PHP
// expands at render time; exported bodies carry them raw. Folio cannot run them, so their tags
// are dropped (with a warning) and any text or image they wrap is kept.

/** WordPress core's shortcodes and the most common plugin ones, recognised even bare. */
const KNOWN = new Set([
  'audio',
  'caption',
  'contact-form',
  'contact-form-7',
  'embed',
  'gallery',
  'playlist',
  'video',
  'wp_caption',
  'youtube',
]);

// [name attrs] or [name attrs /] or [/name]; "[[name]]" is WordPress's escape for literal text.
const SHORTCODE = /\[(\[?)(\/?)([A-Za-z][\w-]*)((?:\s[^\]]*)?)(\/?)\](\]?)/g;

export interface StrippedShortcodes {
  html: string;
  /** Names of the shortcodes removed, once each, in order of first appearance. */
  dropped: string[];
}

/**
 * Removes shortcode tags from a WordPress body. A bracketed word counts as a shortcode when
 * it is a known name, has attributes (`key="value"`), closes itself, or has a closing tag, so
 * ordinary brackets ("[citation needed]", "[1]") stay.
 */
export function stripShortcodes(source: string): StrippedShortcodes {
  const html = captionsToFigures(source);
  const closing = new Set<string>();
  for (const match of html.matchAll(/\[\/([A-Za-z][\w-]*)\]/g))
    closing.add(match[1]!.toLowerCase());
  const dropped = new Set<string>();
  const result = html.replace(
    SHORTCODE,
    (
      whole,
      openEscape: string,
      slash: string,
      name: string,
      attrs: string,
      selfClose: string,
      closeEscape: string,
    ) => {
      if (openEscape && closeEscape) return whole.slice(1, -1);
      const lower = name.toLowerCase();
      const isShortcode =
        KNOWN.has(lower) || closing.has(lower) || selfClose === '/' || /^\s+[\w-]+\s*=/.test(attrs);
      if (!isShortcode || (slash && !closing.has(lower))) return whole;
      dropped.add(lower);
      return `${openEscape}${closeEscape}`;
    },
  );
  return { html: result, dropped: [...dropped] };
}

/**
 * `[caption]<img …> The caption[/caption]` (how WordPress stores captioned images in classic
 * posts) as a <figure> with a <figcaption>, so the caption stays with its image.
 */
function captionsToFigures(html: string): string {
  return html.replace(/\[caption[^\]]*\]([\s\S]*?)\[\/caption\]/gi, (whole, inner: string) => {
    const match = /^(\s*(?:<a\b[^>]*>)?\s*<img\b[^>]*>\s*(?:<\/a>)?)([\s\S]*)$/i.exec(inner);
    if (!match) return whole;
    return `<figure>${match[1]}<figcaption>${match[2]!.trim()}</figcaption></figure>`;
  });
}
