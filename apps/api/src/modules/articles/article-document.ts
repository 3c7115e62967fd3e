import { Section } from '../sections/section.entity.js';
import { Article } from './article.entity.js';

// Articles read as one JSON document built by PostgreSQL: a single statement per article or
// page, and far less work than hydrating joined rows through the ORM.

/** A section's fields its document may leave out; heading, anchor, blocks and text it always has. */
export const OPTIONAL_SECTION_FIELDS = ['id', 'position', 'wordCount'] as const;
export type OptionalSectionField = (typeof OPTIONAL_SECTION_FIELDS)[number];
/** Every field of each section (`all`), or only these optional ones besides the four. */
export type SectionFields = 'all' | readonly OptionalSectionField[];

const SECTION_COLUMNS: Record<OptionalSectionField | 'articleId', string> = {
  id: 's.id',
  articleId: 's.article_id',
  position: 's.position',
  wordCount: 's.word_count',
};

/**
 * SQL for the JSON document of the article aliased `a`, optionally with its sections, and with
 * its tags unless told otherwise (`tags: false` when nobody asked for them; the `tags` field
 * still finds them through its DataLoader if a resolver reads them after all). The tag names
 * and the section count are the copies on the article's row (migration 1764960000000), not
 * sub-selects: on a list those were two sub-plans per article. `sectionFields` leaves out of
 * each section what the query does not ask for (section-fields.ts): two uuids and two integers
 * per section were about a quarter of PostgreSQL's work for an article page's statement.
 */
export function articleDocumentSql(
  a: string,
  include: { sections: boolean; tags?: boolean; sectionFields?: SectionFields },
): string {
  const sectionFields = include.sectionFields ?? 'all';
  const optional =
    sectionFields === 'all'
      ? (['id', 'articleId', 'position', 'wordCount'] as const)
      : sectionFields;
  const sectionKeys = [
    ...optional.map((field) => `'${field}', ${SECTION_COLUMNS[field]}`),
    `'heading', s.heading, 'anchor', s.anchor, 'blocks', s.blocks, 'text', s.text`,
  ].join(', ');
  const sections = include.sections
    ? `'sections', coalesce((
         SELECT json_agg(json_build_object(${sectionKeys}) ORDER BY s.position)
           FROM sections s WHERE s.article_id = ${a}.id), '[]'::json)`
    : `'sectionCount', ${a}.section_count`;
  const tags =
    include.tags === false
      ? ''
      : `
      'tags', to_json(${a}.tag_names),`;
  return `json_build_object(
      'id', ${a}.id, 'slug', ${a}.slug, 'title', ${a}.title, 'summary', ${a}.summary, 'label', ${a}.label,
      'author', ${a}.author, 'status', ${a}.status, 'moderationState', ${a}.moderation_state,
      'publishedAt', ${a}.published_at, 'createdAt', ${a}.created_at, 'updatedAt', ${a}.updated_at,
      'wordCount', ${a}.word_count, 'readingTimeMinutes', ${a}.reading_time_minutes,${tags}
      ${sections})`;
}

/** The document as PostgreSQL sends it (timestamps as ISO text). */
export type ArticleDocument = Omit<
  Article,
  'publishedAt' | 'createdAt' | 'updatedAt' | 'sections' | 'tagNames'
> & {
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Without the optional fields the statement left out (articleDocumentSql's `sectionFields`). */
  sections?: Array<Omit<Section, 'article'>>;
  /** Absent when the statement left them out (articleDocumentSql's `tags: false`). */
  tags?: string[];
};

/**
 * The prototype of the Articles made from documents: Article's, with the three dates as
 * accessors that make each Date from PostgreSQL's text the first time it is read (and keep
 * it). Building a Date from text cost about 0.6 us here, and a page of 20 articles built 60
 * of them where a list shows one date each, an article page none. An intermediate object, not
 * a subclass: `constructor` stays Article (TypeORM finds its metadata by it) and `instanceof
 * Article` holds. Writing a date stores it as given, as a plain property would.
 */
const PUBLISHED = Symbol('publishedAt');
const CREATED = Symbol('createdAt');
const UPDATED = Symbol('updatedAt');
const documentArticlePrototype: object = Object.create(Article.prototype, {
  publishedAt: lazyDate(PUBLISHED),
  createdAt: lazyDate(CREATED),
  updatedAt: lazyDate(UPDATED),
});

type DateSlots = Record<symbol, string | Date | null>;

function lazyDate(slot: symbol): PropertyDescriptor {
  return {
    enumerable: true,
    get(this: DateSlots): Date | null {
      const value = this[slot];
      if (typeof value !== 'string') return value ?? null;
      const date = new Date(value);
      this[slot] = date;
      return date;
    },
    set(this: DateSlots, value: Date | null) {
      this[slot] = value;
    },
  };
}

/**
 * The Article (and its Sections) a document describes, made on the classes' prototypes with
 * each property written once, in the same order for every article: `new Article()` would first
 * define every declared class field as undefined (ES2022 class fields), and the copies through
 * Object.assign and spreads wrote them again; a page of 20 made 20 of each. Its dates are
 * made when first read (documentArticlePrototype).
 */
export function toArticle(document: ArticleDocument): Article {
  const article = Object.create(documentArticlePrototype) as Article & DateSlots;
  article.id = document.id;
  article.slug = document.slug;
  article.title = document.title;
  article.summary = document.summary;
  article.label = document.label;
  article.author = document.author;
  article.status = document.status;
  article.moderationState = document.moderationState;
  article[PUBLISHED] = document.publishedAt;
  article[CREATED] = document.createdAt;
  article[UPDATED] = document.updatedAt;
  article.wordCount = document.wordCount;
  article.readingTimeMinutes = document.readingTimeMinutes;
  article.tagNames = document.tags;
  if (document.sections) article.sections = document.sections.map(toSection);
  else article.sectionCount = document.sectionCount;
  return article;
}

function toSection(document: Omit<Section, 'article'>): Section {
  const section = Object.create(Section.prototype) as Section;
  section.id = document.id;
  section.articleId = document.articleId;
  section.position = document.position;
  section.heading = document.heading;
  section.anchor = document.anchor;
  section.blocks = document.blocks;
  section.text = document.text;
  section.wordCount = document.wordCount;
  return section;
}
