import { useApiTestContext } from '../../../test/api-test-context.js';
import { bearerFor, Role } from '../../../test/tokens.js';

const context = useApiTestContext();
let editor: Record<string, string>;
beforeEach(async () => {
  await context.db.reset();
  editor = await bearerFor(context.db.dataSource, Role.EDITOR, 'ed');
});

async function as(query: string) {
  const { data, errors } = await context.api.query(query, {}, editor);
  if (errors) throw new Error(JSON.stringify(errors));
  return data as Record<string, any>;
}

const DIFF = (id: string, from: number, to?: number) => `{
  articleRevisionDiff(articleId: "${id}", from: ${from}${to ? `, to: ${to}` : ''}) {
    from { number } to { number savedBy } changedFields
    fields { field before after lines { kind text } }
    sections { change moved headingBefore headingAfter positionBefore positionAfter lines { kind text } }
  }
}`;

describe('revision diffs', () => {
  it('shows per-field and per-section line changes between any two revisions', async () => {
    const { createArticle: article } =
      await as(`mutation { createArticle(input: { title: "Tides", sections: [
      { heading: "Intro", markdown: "First words.\\n\\nSecond paragraph." },
      { heading: "Middle", markdown: "- one\\n- two" }] }) { id sections { id } } }`);
    const [intro, middle] = article.sections.map((s: { id: string }) => s.id);
    await as(
      `mutation { updateArticle(id: "${article.id}", input: { title: "Tide tables", tags: ["sea"] }) { id } }`,
    );
    await as(
      `mutation { updateSection(id: "${intro}", input: { markdown: "First *words*.\\n\\nSecond paragraph." }) { id } }`,
    );
    const { addSection } = await as(
      `mutation { addSection(articleId: "${article.id}", input: { heading: "End", markdown: "Bye." }) { sections { id heading } } }`,
    );
    const end = addSection.sections.find((s: { heading: string }) => s.heading === 'End').id;
    await as(`mutation { removeSection(id: "${middle}") { id } }`);
    await as(`mutation { moveSection(id: "${end}", position: 0) { id } }`);

    const { articleRevisionDiff: diff } = await as(DIFF(article.id, 1));
    expect(diff.from.number).toBe(1);
    expect(diff.to).toEqual({ number: 6, savedBy: 'ed' });
    expect(diff.changedFields).toEqual(['title', 'tags', 'sections']);
    expect(diff.fields).toEqual([
      {
        field: 'title',
        before: 'Tides',
        after: 'Tide tables',
        lines: [
          { kind: 'REMOVED', text: 'Tides' },
          { kind: 'ADDED', text: 'Tide tables' },
        ],
      },
      { field: 'tags', before: '', after: 'sea', lines: [{ kind: 'ADDED', text: 'sea' }] },
    ]);
    expect(diff.sections).toEqual([
      {
        change: 'ADDED',
        moved: false,
        headingBefore: null,
        headingAfter: 'End',
        positionBefore: null,
        positionAfter: 0,
        lines: [
          { kind: 'ADDED', text: '## End' },
          { kind: 'ADDED', text: '' },
          { kind: 'ADDED', text: 'Bye.' },
        ],
      },
      {
        change: 'CHANGED',
        moved: false,
        headingBefore: 'Intro',
        headingAfter: 'Intro',
        positionBefore: 0,
        positionAfter: 1,
        lines: [
          { kind: 'UNCHANGED', text: '## Intro' },
          { kind: 'UNCHANGED', text: '' },
          { kind: 'REMOVED', text: 'First words.' },
          { kind: 'ADDED', text: 'First *words*.' },
          { kind: 'UNCHANGED', text: '' },
          { kind: 'UNCHANGED', text: 'Second paragraph.' },
        ],
      },
      {
        change: 'REMOVED',
        moved: false,
        headingBefore: 'Middle',
        headingAfter: null,
        positionBefore: 1,
        positionAfter: null,
        lines: [
          { kind: 'REMOVED', text: '## Middle' },
          { kind: 'REMOVED', text: '' },
          { kind: 'REMOVED', text: '- one' },
          { kind: 'REMOVED', text: '- two' },
        ],
      },
    ]);

    // Two neighbouring revisions: only the section that was edited.
    const { articleRevisionDiff: step } = await as(DIFF(article.id, 2, 3));
    expect(step.changedFields).toEqual(['sections']);
    expect(step.sections.map((s: { change: string }) => s.change)).toEqual([
      'CHANGED',
      'UNCHANGED',
    ]);
    expect(step.sections[1].lines).toEqual([]);
  });

  it('tells moves apart from edits, and shows a restore back to an earlier revision as no change', async () => {
    const { createArticle: article } =
      await as(`mutation { createArticle(input: { title: "Order", sections: [
      { heading: "A", markdown: "a" }, { heading: "B", markdown: "b" }] }) { id sections { id } } }`);
    await as(`mutation { moveSection(id: "${article.sections[1].id}", position: 0) { id } }`);
    const { articleRevisionDiff: moved } = await as(DIFF(article.id, 1, 2));
    expect(moved.sections.map((s: any) => [s.headingAfter, s.change, s.moved])).toEqual([
      ['B', 'UNCHANGED', true],
      ['A', 'UNCHANGED', true],
    ]);
    const { articleRevisions } = await as(
      `{ articleRevisions(articleId: "${article.id}") { id number } }`,
    );
    const first = articleRevisions.find((r: { number: number }) => r.number === 1).id;
    await as(`mutation { restoreRevision(id: "${first}", expectedVersion: 2) { id } }`);
    const { articleRevisionDiff: restored } = await as(DIFF(article.id, 1, 3));
    expect(restored.changedFields).toEqual([]);
  });

  it('says when a revision does not exist', async () => {
    const { createArticle: article } = await as(
      `mutation { createArticle(input: { title: "One" }) { id } }`,
    );
    const missing = await context.api.query(DIFF(article.id, 1, 9), {}, editor);
    expect(missing.errors![0]).toMatchObject({
      message: `Revision 9 of article ${article.id} was not found.`,
      extensions: { code: 'NOT_FOUND' },
    });
  });
});
