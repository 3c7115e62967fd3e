import { diffLines } from 'diff';
import type { ArticleSnapshot } from './article-revision.entity.js';
import { blocksToMarkdown } from './blocks-markdown.js';

// What changed between two snapshots of an article: per field, and per section as a line diff
// of its Markdown (the `diff` package's line diff, the Myers algorithm).

export type LineKind = 'added' | 'removed' | 'unchanged';
export type SectionChange = 'added' | 'removed' | 'changed' | 'unchanged';

export interface LineChange {
  kind: LineKind;
  text: string;
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
  lines: LineChange[];
}

export interface SectionDiff {
  change: SectionChange;
  /** True when the section kept its content but changed places among the others. */
  moved: boolean;
  headingBefore: string | null;
  headingAfter: string | null;
  anchorBefore: string | null;
  anchorAfter: string | null;
  positionBefore: number | null;
  positionAfter: number | null;
  /** The whole section, line by line, for added, removed and changed sections. */
  lines: LineChange[];
}

export interface SnapshotDiff {
  /** Names of what differs: title, slug, summary, label, author, tags, status, publishedAt, sections. */
  changedFields: string[];
  fields: FieldChange[];
  sections: SectionDiff[];
}

const FIELDS = [
  'title',
  'slug',
  'summary',
  'label',
  'author',
  'tags',
  'status',
  'publishedAt',
] as const;

type SnapshotSection = ArticleSnapshot['sections'][number];

function fieldText(
  snapshot: ArticleSnapshot | null,
  field: (typeof FIELDS)[number],
): string | null {
  if (!snapshot) return null;
  if (field === 'tags') return snapshot.tags.join(', ');
  return snapshot[field] ?? null;
}

export function sectionMarkdown(section: SnapshotSection): string {
  const body = blocksToMarkdown(section.blocks);
  return section.heading ? `## ${section.heading}\n\n${body}` : body;
}

export function lineDiff(before: string, after: string): LineChange[] {
  const withNewline = (text: string) => (text === '' || text.endsWith('\n') ? text : `${text}\n`);
  return diffLines(withNewline(before), withNewline(after)).flatMap((part) =>
    part.value
      .replace(/\n$/, '')
      .split('\n')
      .map((text) => ({
        kind: part.added
          ? ('added' as const)
          : part.removed
            ? ('removed' as const)
            : ('unchanged' as const),
        text,
      })),
  );
}

/** Pairs each section of `after` with its earlier self: by id first, else by anchor. */
function matchSections(before: SnapshotSection[], after: SnapshotSection[]): Array<number | null> {
  const claimed = new Set<number>();
  const find = (predicate: (section: SnapshotSection) => boolean) => {
    const index = before.findIndex((section, i) => !claimed.has(i) && predicate(section));
    if (index === -1) return null;
    claimed.add(index);
    return index;
  };
  const byId = after.map((section) =>
    section.id ? find((candidate) => candidate.id === section.id) : null,
  );
  // Then by anchor: older revisions kept no ids, and a restore gives sections new ones.
  return after.map(
    (section, i) => byId[i] ?? find((candidate) => candidate.anchor === section.anchor),
  );
}

export function diffSnapshots(
  before: ArticleSnapshot | null,
  after: ArticleSnapshot,
): SnapshotDiff {
  const fields: FieldChange[] = [];
  for (const field of FIELDS) {
    const was = fieldText(before, field);
    const is = fieldText(after, field);
    if (was !== is)
      fields.push({ field, before: was, after: is, lines: lineDiff(was ?? '', is ?? '') });
  }
  const beforeSections = before?.sections ?? [];
  const matches = matchSections(beforeSections, after.sections);
  // Moves are judged on the order of the sections present on both sides.
  const keptOrder = matches.filter((m): m is number => m !== null);
  const sortedKept = [...keptOrder].sort((a, b) => a - b);
  const sections: SectionDiff[] = after.sections.map((section, positionAfter) => {
    const index = matches[positionAfter] ?? null;
    const previous = index === null ? null : beforeSections[index]!;
    const afterText = sectionMarkdown(section);
    const beforeText = previous ? sectionMarkdown(previous) : null;
    const change: SectionChange =
      previous === null ? 'added' : beforeText === afterText ? 'unchanged' : 'changed';
    return {
      change,
      moved: index !== null && keptOrder.indexOf(index) !== sortedKept.indexOf(index),
      headingBefore: previous?.heading ?? null,
      headingAfter: section.heading,
      anchorBefore: previous?.anchor ?? null,
      anchorAfter: section.anchor,
      positionBefore: index,
      positionAfter,
      lines: change === 'unchanged' ? [] : lineDiff(beforeText ?? '', afterText),
    };
  });
  const matched = new Set(keptOrder);
  beforeSections.forEach((section, index) => {
    if (matched.has(index)) return;
    sections.push({
      change: 'removed',
      moved: false,
      headingBefore: section.heading,
      headingAfter: null,
      anchorBefore: section.anchor,
      anchorAfter: null,
      positionBefore: index,
      positionAfter: null,
      lines: lineDiff(sectionMarkdown(section), ''),
    });
  });
  const sectionsChanged = sections.some((s) => s.change !== 'unchanged' || s.moved);
  return {
    changedFields: [...fields.map((f) => f.field), ...(sectionsChanged ? ['sections'] : [])],
    fields,
    sections,
  };
}
