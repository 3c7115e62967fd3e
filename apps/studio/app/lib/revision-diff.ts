import { diffLines, diffWordsWithSpace } from 'diff';
import type { BlockFieldsFragment } from '@folio/ui';
import { blocksToMarkdown } from './markdown';

// A readable diff between two revisions: each revision as the text an editor would write
// (title, summary, tags, then each section as Markdown), compared line by line, and within
// changed lines word by word.

export interface RevisionContent {
  title: string;
  summary: string | null;
  tags: readonly string[];
  sections: ReadonlyArray<{ heading: string | null; blocks: readonly BlockFieldsFragment[] }>;
}

export function revisionText(revision: RevisionContent): string {
  const parts = [`# ${revision.title}`];
  if (revision.summary) parts.push(revision.summary);
  if (revision.tags.length > 0) parts.push(`Tags: ${revision.tags.join(', ')}`);
  for (const section of revision.sections) {
    parts.push(
      [section.heading ? `## ${section.heading}` : null, blocksToMarkdown(section.blocks)]
        .filter(Boolean)
        .join('\n\n'),
    );
  }
  return `${parts.join('\n\n')}\n`;
}

export type DiffPiece = { kind: 'same' | 'added' | 'removed'; text: string };

/** Pieces in order; unchanged runs longer than a few lines are shortened around the changes. */
export function revisionDiff(from: RevisionContent, to: RevisionContent): DiffPiece[] {
  const pieces: DiffPiece[] = [];
  const changes = diffLines(revisionText(from), revisionText(to));
  for (let i = 0; i < changes.length; i += 1) {
    const change = changes[i]!;
    const next = changes[i + 1];
    // A removed block followed by an added one: show the words that changed inside it.
    if (change.removed && next?.added) {
      for (const word of diffWordsWithSpace(change.value, next.value)) {
        pieces.push({
          kind: word.added ? 'added' : word.removed ? 'removed' : 'same',
          text: word.value,
        });
      }
      i += 1;
      continue;
    }
    pieces.push({
      kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
      text: change.value,
    });
  }
  return pieces;
}

export function hasChanges(pieces: readonly DiffPiece[]): boolean {
  return pieces.some((piece) => piece.kind !== 'same');
}
