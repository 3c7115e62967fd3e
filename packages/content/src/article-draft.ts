import type { Block } from './blocks.js';
import { anchorsFor, slugify } from './anchors.js';
import { countWords, readingTimeMinutes, sectionText } from './text-metrics.js';

/** What an importer produces before anchors and counts are derived. */
export interface ArticleDraft {
  title: string;
  slug?: string;
  summary?: string;
  label?: string;
  author?: string;
  tags: string[];
  publishedAt?: Date;
  sections: SectionDraft[];
}

export interface SectionDraft {
  heading: string | null;
  blocks: Block[];
}

export interface PreparedSection {
  position: number;
  heading: string | null;
  anchor: string;
  blocks: Block[];
  text: string;
  wordCount: number;
}

export interface PreparedArticle extends Omit<ArticleDraft, 'sections' | 'slug'> {
  slug: string;
  sections: PreparedSection[];
  wordCount: number;
  readingTimeMinutes: number;
}

export interface TocEntry {
  anchor: string;
  heading: string;
  position: number;
}

/** Derives everything stored beside the blocks: slug, anchors, plain text, counts. */
export function prepareArticle(draft: ArticleDraft): PreparedArticle {
  const anchors = anchorsFor(draft.sections.map((section) => section.heading));
  const sections = draft.sections.map((section, position): PreparedSection => {
    const text = sectionText(section.heading, section.blocks);
    return {
      position,
      heading: section.heading,
      anchor: anchors[position]!,
      blocks: section.blocks,
      text,
      wordCount: countWords(text),
    };
  });
  const wordCount =
    countWords(draft.title) +
    countWords(draft.summary ?? '') +
    sections.reduce((sum, section) => sum + section.wordCount, 0);
  return {
    ...draft,
    slug: draft.slug ? slugify(draft.slug) : slugify(draft.title),
    tags: normalizeTags(draft.tags),
    sections,
    wordCount,
    readingTimeMinutes: readingTimeMinutes(wordCount),
  };
}

/** The table of contents: one entry per headed section, in order. */
export function tableOfContents(
  sections: ReadonlyArray<Pick<PreparedSection, 'anchor' | 'heading' | 'position'>>,
): TocEntry[] {
  return sections
    .filter((section): section is typeof section & { heading: string } => !!section.heading)
    .map(({ anchor, heading, position }) => ({ anchor, heading, position }));
}

/** Tags are compared case-insensitively and stored lower case, without duplicates. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    const normalized = tag.trim().toLowerCase().replace(/\s+/g, '-');
    if (normalized) seen.add(normalized);
  }
  return [...seen];
}
