import {
  parse,
  print,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { buildFolioSchema } from '../app-modules.js';
import { analyzeOperation } from './operation-analysis.js';
import { OPERATION_LIMITS } from './query-limits.plugin.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = (await buildFolioSchema(null)).schema;
});

function analyze(source: string, variables: Record<string, unknown> = {}) {
  const document = parse(source);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions)
    if (definition.kind === 'FragmentDefinition') fragments[definition.name.value] = definition;
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === 'OperationDefinition',
  )!;
  return analyzeOperation(schema, operation, fragments, variables);
}

// The reader's article page, as apps/web asks for it.
const ARTICLE_PAGE = `query ($slug: String!) {
  article(slug: $slug) {
    id slug title summary label author tags publishedAt updatedAt readingTimeMinutes moderationState
    toc { anchor heading }
    sections { id anchor heading blocks { ...B } }
    related(first: 3) { ...Card }
  }
}
fragment Card on Article { id slug title label summary tags publishedAt readingTimeMinutes }
fragment I on Inline { text marks href }
fragment B on Block { __typename
  ... on Paragraph { inlines { ...I } }
  ... on List { ordered start items { ...I } }
  ... on Quote { paragraphs { ...I } attribution }
}`;
const PAGE = (first: string) =>
  `{ articles(first: ${first}) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...Card } } } }
   fragment Card on Article { id slug title label summary tags publishedAt readingTimeMinutes }`;

describe('the cost of an operation, with its variables', () => {
  it('lets every page of the reader through with room to spare', () => {
    expect(analyze(ARTICLE_PAGE, { slug: 'a' }).cost).toBeLessThan(OPERATION_LIMITS.maxCost / 10);
    expect(analyze(PAGE('20')).cost).toBeLessThan(OPERATION_LIMITS.maxCost / 10);
    expect(analyze(PAGE('100')).cost).toBeLessThan(OPERATION_LIMITS.maxCost / 2);
  });

  it('multiplies by page sizes given as variables exactly as by literals', () => {
    const literal = analyze(PAGE('100')).cost;
    const variable = analyze(
      `query ($n: Int) { articles(first: $n) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...Card } } } }
       fragment Card on Article { id slug title label summary tags publishedAt readingTimeMinutes }`,
      { n: 100 },
    ).cost;
    expect(variable).toBe(literal);
    expect(analyze(PAGE('10')).cost).toBeLessThan(literal / 5);
  });

  it("uses the services' defaults when first is not given", () => {
    const byDefault = analyze('{ articles { edges { node { title } } } }').cost;
    expect(byDefault).toBe(analyze('{ articles(first: 20) { edges { node { title } } } }').cost);
    const related = analyze('{ article(slug: "a") { related { title } } }').cost;
    expect(related).toBe(analyze('{ article(slug: "a") { related(first: 3) { title } } }').cost);
  });

  it('counts nested related and multiplies it through', () => {
    const nested = analyze(
      `query ($n: Int, $m: Int) { articles(first: $n) { edges { node { related(first: $m) { related(first: $m) { title } } } } } }`,
      { n: 100, m: 10 },
    );
    expect(nested.relatedNesting).toBe(2);
    expect(nested.cost).toBeGreaterThan(10_000);
    expect(analyze(ARTICLE_PAGE, { slug: 'a' }).relatedNesting).toBe(1);
  });

  it('finds related nested through fragments and inline fragments', () => {
    expect(
      analyze(
        `{ article(slug: "a") { ...R } } fragment R on Article { related { ... on Article { ...R2 } } }
         fragment R2 on Article { related { title } }`,
      ).relatedNesting,
    ).toBe(2);
  });

  it('counts searches by response key, through aliases and fragments, not repeats of one field', () => {
    expect(analyze('{ search(query: "a") { totalCount } }').searches).toBe(1);
    expect(
      analyze(
        '{ a: search(query: "a") { totalCount } ...F } fragment F on Query { b: search(query: "b") { totalCount } }',
      ).searches,
    ).toBe(2);
    expect(
      analyze('{ ...F ...F } fragment F on Query { search(query: "a") { totalCount } }').searches,
    ).toBe(1);
  });

  it('leaves out fields skipped by @skip or @include with variables', () => {
    const query = `query ($no: Boolean!) { a: articles(first: 100) @include(if: $no) { edges { node { title } } } }`;
    expect(analyze(query, { no: false }).cost).toBe(0);
    expect(analyze(query, { no: true }).cost).toBeGreaterThan(100);
  });

  it("plans a parsed operation once and applies each request's variables to it", () => {
    // Apollo hands back the same parsed document for the same query string: its plan is reused,
    // and nothing a request's variables decide may be carried over to the next request.
    const document = parse(
      `query ($n: Int, $big: Boolean!, $q: String!) {
         articles(first: $n) { edges { node { ...Card } } }
         more: articles(first: 100) @include(if: $big) { edges { node { ...Card } } }
         search(query: $q) { totalCount }
       }
       fragment Card on Article { title related(first: 2) { title } }`,
    );
    const operation = document.definitions[0] as OperationDefinitionNode;
    const fragments = { Card: document.definitions[1] as FragmentDefinitionNode };
    const run = (variables: Record<string, unknown>) =>
      analyzeOperation(schema, operation, fragments, variables);
    const small = run({ n: 1, big: false, q: 'first' });
    const large = run({ n: 50, big: true, q: 'second' });
    const smallAgain = run({ n: 1, big: false, q: 'first' });
    expect(large.cost).toBeGreaterThan(small.cost * 50);
    expect(smallAgain).toEqual(small);
    const searchValues = (analysis: typeof small) =>
      analysis.arguments
        .filter((use) => use.coordinate === 'Query.search')
        .map((use) => use.values);
    expect(searchValues(small)).toEqual([{ query: 'first' }]);
    expect(searchValues(large)).toEqual([{ query: 'second' }]);
    // Freshly parsed, the same operation costs the same: the plan changes nothing.
    expect(analyze(print(document), { n: 50, big: true, q: 'second' }).cost).toBe(large.cost);
  });
});
