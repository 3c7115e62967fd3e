import { paragraph, span, type Block, type ListBlock } from './blocks.js';
import type { ArticleDraft, SectionDraft } from './article-draft.js';
import { ContentParseError } from './content-error.js';

/** Short lines that name the kind of page, as blogs and news sites print them under the title. */
export const PAGE_LABELS = [
  'analysis',
  'announcement',
  'blog',
  'blog article',
  'blog post',
  'case study',
  'column',
  'comment',
  'editorial',
  'essay',
  'explainer',
  'feature',
  'guide',
  'how-to',
  'interview',
  'news',
  'news article',
  'opinion',
  'press release',
  'review',
  'story',
  'tutorial',
  'update',
];

/** Page chrome that scraping picks up around an article; dropped wherever it stands alone. */
const CHROME = [
  /^advertisement$/i,
  /^report this (page|article|post)$/i,
  /^share( this( (page|article|post|story))?)?$/i,
  /^share on \w+$/i,
  /^(copy|copied) link$/i,
  /^print( this (page|article))?$/i,
  /^back to top$/i,
  /^(was this (page|article) helpful\??)$/i,
  /^(related|more) (articles|stories|posts)$/i,
  /^tags?:?$/i,
  /^(sign up|subscribe)( to our newsletter)?$/i,
];

const LIST_ITEM = /^\s*(?:([•\-*])|(\d{1,3})[.)])\s+(.*)$/;
const END_PUNCTUATION = /[.!?:;,…"”’)]$/;
const HEADING_MAX_CHARS = 80;
const HEADING_MAX_WORDS = 12;
const SUMMARY_MAX_CHARS = 320;
const SENTENCE_END = /[.!?…]["”’)]?$/;

type Unit =
  | { kind: 'text'; text: string }
  | { kind: 'item'; text: string; ordered: boolean; number: number };

/**
 * Text copied or scraped from a blog page to an article draft. The rules:
 * - the first line is the title; a repeat of it at the top is dropped, and when one of the two
 *   is in capitals (a display heading) the title is the other, as written;
 * - a known page kind ("Blog Article", "News", "Opinion") just after the title is the label;
 * - a heading is a short standalone line without end punctuation followed by a paragraph or list;
 * - lines starting with `•`, `-`, `*` or `1.` are list items;
 * - page chrome ("Report this page", "Share this", "Advertisement") is dropped;
 * - text before the first heading is the lead: a short first paragraph becomes the summary
 *   (when it is the whole lead, or a sentence followed by more lead and then a heading), the
 *   rest an unheaded first section.
 * Every other non-empty line is a paragraph.
 */
export function parsePlainTextArticle(source: string): ArticleDraft {
  const lines = source
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '' && !CHROME.some((pattern) => pattern.test(line)));

  let title = lines.shift();
  if (!title) throw new ContentParseError('empty document: the first line should be the title');

  // Pages often show the title twice: once in capitals as a display heading, once as written.
  // The title is the one as written, whichever comes first.
  let label: string | undefined;
  const isTitleRepeat = (line: string) => line.toLowerCase() === title!.toLowerCase();
  while (lines.length > 0) {
    const next = lines[0]!;
    if (isTitleRepeat(next)) {
      lines.shift();
      if (isAllCapitals(title) && !isAllCapitals(next)) title = next;
    } else if (!label && PAGE_LABELS.includes(next.toLowerCase())) label = lines.shift();
    else break;
  }

  const units = lines.map(toUnit);
  const lead: Block[] = [];
  const sections: SectionDraft[] = [];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    const target = sections.at(-1)?.blocks ?? lead;
    if (unit.kind === 'item') {
      const list = target.at(-1);
      if (list?.type === 'list' && list.ordered === unit.ordered) list.items.push([span(unit.text)]);
      else target.push(newList(unit));
    } else if (isHeading(unit, units[i + 1])) {
      sections.push({ heading: unit.text, blocks: [] });
    } else {
      target.push(paragraph(unit.text));
    }
  }

  // A short lead paragraph before the first heading is the standfirst: the summary. What
  // follows it before that heading stays as an unheaded first section.
  let summary: string | undefined;
  const first = lead[0];
  if (first?.type === 'paragraph') {
    const text = first.inlines[0]!.text;
    const alone = lead.length === 1;
    const standfirst = sections.length > 0 && SENTENCE_END.test(text);
    // Never the whole article: a lone paragraph stays the body.
    const more = lead.length > 1 || sections.length > 0;
    if (text.length <= SUMMARY_MAX_CHARS && more && (alone || standfirst)) {
      summary = text;
      lead.shift();
    }
  }
  const allSections = lead.length > 0 ? [{ heading: null, blocks: lead }, ...sections] : sections;
  if (allSections.length === 0) {
    throw new ContentParseError('no content: nothing follows the title');
  }
  return { title, summary, label, tags: [], sections: allSections };
}

/** "HOW WE REBUILT THE MAP": letters, all of them capitals. */
function isAllCapitals(text: string): boolean {
  return /\p{L}/u.test(text) && text === text.toUpperCase() && text !== text.toLowerCase();
}

function toUnit(line: string): Unit {
  const match = LIST_ITEM.exec(line);
  if (!match) return { kind: 'text', text: line };
  const ordered = match[2] !== undefined;
  return { kind: 'item', text: match[3]!, ordered, number: ordered ? Number(match[2]) : 1 };
}

function newList(unit: Extract<Unit, { kind: 'item' }>): ListBlock {
  const list: ListBlock = { type: 'list', ordered: unit.ordered, items: [[span(unit.text)]] };
  if (unit.ordered && unit.number !== 1) list.start = unit.number;
  return list;
}

function looksLikeHeading(text: string): boolean {
  return (
    text.length <= HEADING_MAX_CHARS &&
    text.split(' ').length <= HEADING_MAX_WORDS &&
    !END_PUNCTUATION.test(text)
  );
}

function isHeading(unit: Unit, next: Unit | undefined): boolean {
  if (unit.kind !== 'text' || !looksLikeHeading(unit.text) || next === undefined) return false;
  return next.kind === 'item' || !looksLikeHeading(next.text);
}
