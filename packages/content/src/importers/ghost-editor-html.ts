import MarkdownIt from 'markdown-it';

// Ghost keeps a post's body as editor JSON (Lexical since Ghost 5, Mobiledoc before) and also
// exports the rendered `html`, which the importer prefers. When `html` is missing, these turn
// the editor JSON into plain HTML (escaped text, a few structural tags) for the HTML converter.

// Raw HTML inside Markdown stays text, as in the Markdown importer.
const markdown = new MarkdownIt('default', { html: false });

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

interface LexicalNode {
  type?: string;
  tag?: string;
  text?: string;
  format?: number | string;
  listType?: string;
  url?: string;
  src?: string;
  altText?: string;
  alt?: string;
  caption?: string;
  code?: string;
  language?: string;
  html?: string;
  markdown?: string;
  children?: LexicalNode[];
}

// Lexical text format bit flags.
const BOLD = 1;
const ITALIC = 2;
const CODE = 16;

/** A Lexical document (the JSON string Ghost stores in `lexical`) to HTML. */
export function lexicalToHtml(json: string): string {
  const document = JSON.parse(json) as { root?: LexicalNode };
  return (document.root?.children ?? []).map(lexicalNode).join('\n');
}

function lexicalChildren(node: LexicalNode): string {
  return (node.children ?? []).map(lexicalNode).join('');
}

function lexicalNode(node: LexicalNode): string {
  switch (node.type) {
    case 'text':
    case 'extended-text': {
      let html = escapeHtml(node.text ?? '');
      const format = typeof node.format === 'number' ? node.format : 0;
      if (format & CODE) html = `<code>${html}</code>`;
      if (format & ITALIC) html = `<em>${html}</em>`;
      if (format & BOLD) html = `<strong>${html}</strong>`;
      return html;
    }
    case 'linebreak':
      return '<br>';
    case 'link':
      return `<a href="${escapeHtml(node.url ?? '')}">${lexicalChildren(node)}</a>`;
    case 'paragraph':
      return `<p>${lexicalChildren(node)}</p>`;
    case 'heading':
    case 'extended-heading': {
      const tag = /^h[1-6]$/.test(node.tag ?? '') ? node.tag : 'h2';
      return `<${tag}>${lexicalChildren(node)}</${tag}>`;
    }
    case 'quote':
    case 'extended-quote':
    case 'aside':
      return `<blockquote>${lexicalChildren(node)}</blockquote>`;
    case 'list': {
      const tag = node.listType === 'number' ? 'ol' : 'ul';
      return `<${tag}>${lexicalChildren(node)}</${tag}>`;
    }
    case 'listitem':
      return `<li>${lexicalChildren(node)}</li>`;
    case 'image':
      return imageHtml(node.src, node.alt ?? node.altText, node.caption);
    case 'codeblock':
      return codeHtml(node.code ?? '', node.language);
    case 'markdown':
      return markdown.render(node.markdown ?? '');
    case 'html':
      return node.html ?? '';
    case 'horizontalrule':
      return '<hr>';
    default:
      return node.children ? `<div>${lexicalChildren(node)}</div>` : '';
  }
}

function imageHtml(src: string | undefined, alt: string | undefined, caption?: string): string {
  if (!src) return '';
  const img = `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt ?? '')}">`;
  return caption ? `<figure>${img}<figcaption>${caption}</figcaption></figure>` : img;
}

function codeHtml(code: string, language?: string): string {
  const className = language ? ` class="language-${escapeHtml(language)}"` : '';
  return `<pre><code${className}>${escapeHtml(code)}</code></pre>`;
}

interface Mobiledoc {
  atoms?: Array<[string, string, unknown]>;
  cards?: Array<[string, Record<string, unknown>]>;
  markups?: Array<[string, string[]?]>;
  sections?: unknown[][];
}

/** A Mobiledoc document (Ghost before 5, the JSON string in `mobiledoc`) to HTML. */
export function mobiledocToHtml(json: string): string {
  const doc = JSON.parse(json) as Mobiledoc;
  const markups = doc.markups ?? [];
  const cards = doc.cards ?? [];
  const atoms = doc.atoms ?? [];

  const markersHtml = (markers: unknown[]): string => {
    const open: string[] = [];
    let html = '';
    for (const marker of markers as Array<[number, number[], number, unknown]>) {
      const [kind, opens, closes, value] = marker;
      for (const index of opens) {
        const [tag, attrs = []] = markups[index] ?? ['span'];
        const safeTag = /^[a-z][a-z0-9]*$/i.test(tag) ? tag.toLowerCase() : 'span';
        const href = safeTag === 'a' ? attrs[attrs.indexOf('href') + 1] : undefined;
        html += href ? `<a href="${escapeHtml(href)}">` : `<${safeTag}>`;
        open.push(safeTag);
      }
      if (kind === 0) html += escapeHtml(String(value ?? ''));
      else if (kind === 1) html += escapeHtml(String(atoms[value as number]?.[1] ?? ''));
      for (let i = 0; i < closes; i++) html += `</${open.pop()}>`;
    }
    while (open.length > 0) html += `</${open.pop()}>`;
    return html;
  };

  return (doc.sections ?? [])
    .map((section) => {
      const [type] = section as [number];
      if (type === 1) {
        const [, tag, markers] = section as [number, string, unknown[]];
        const safeTag = /^(p|h[1-6]|blockquote|aside)$/i.test(tag) ? tag.toLowerCase() : 'p';
        const element = safeTag === 'aside' ? 'blockquote' : safeTag;
        return `<${element}>${markersHtml(markers)}</${element}>`;
      }
      if (type === 3) {
        const [, tag, items] = section as [number, string, unknown[][]];
        const list = tag === 'ol' ? 'ol' : 'ul';
        return `<${list}>${items.map((markers) => `<li>${markersHtml(markers)}</li>`).join('')}</${list}>`;
      }
      if (type === 2) {
        const [, src] = section as [number, string];
        return imageHtml(src, '');
      }
      if (type === 10) {
        const [, index] = section as [number, number];
        const [name, payload = {}] = cards[index] ?? ['', {}];
        if (name === 'image') {
          return imageHtml(
            payload.src as string,
            payload.alt as string,
            payload.caption as string | undefined,
          );
        }
        if (name === 'code')
          return codeHtml(String(payload.code ?? ''), payload.language as string);
        if (name === 'html') return String(payload.html ?? '');
        if (name === 'markdown') return markdown.render(String(payload.markdown ?? ''));
        if (name === 'hr') return '<hr>';
        return '';
      }
      return '';
    })
    .join('\n');
}
