import { hasChanges, revisionDiff, type RevisionContent } from './revision-diff';

const paragraph = (text: string) => ({
  __typename: 'Paragraph' as const,
  inlines: [{ text, marks: [], href: null }],
});

const base: RevisionContent = {
  title: 'Tides',
  summary: 'Why the sea moves.',
  tags: ['sea'],
  sections: [
    { heading: null, blocks: [paragraph('The moon pulls the water.')] },
    { heading: 'Spring tides', blocks: [paragraph('Twice a month.')] },
  ],
};

describe('revisionDiff', () => {
  it('shows the words that changed inside a section, and nothing else as changed', () => {
    const edited = {
      ...base,
      sections: [
        base.sections[0]!,
        { heading: 'Spring tides', blocks: [paragraph('Twice a lunar month.')] },
      ],
    };
    const pieces = revisionDiff(base, edited);
    expect(pieces.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['lunar']);
    expect(pieces.filter((p) => p.kind === 'removed')).toEqual([]);
  });

  it('shows a removed section and a changed title', () => {
    const edited = { ...base, title: 'The tides', sections: [base.sections[0]!] };
    const pieces = revisionDiff(base, edited);
    const removed = pieces
      .filter((p) => p.kind === 'removed')
      .map((p) => p.text)
      .join('');
    expect(removed).toContain('## Spring tides');
    expect(
      pieces
        .filter((p) => p.kind === 'added')
        .map((p) => p.text)
        .join(''),
    ).toContain('The');
  });

  it('finds no change between equal revisions', () => {
    expect(hasChanges(revisionDiff(base, { ...base }))).toBe(false);
  });
});
