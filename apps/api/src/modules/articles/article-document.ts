import { Section } from '../sections/section.entity.js';
import { Article } from './article.entity.js';

// Articles read as one JSON document built by PostgreSQL: a single statement per article or
// page, and far less work than hydrating joined rows through the ORM.

/** SQL for the JSON document of the article aliased `a`, with its tags, and optionally its sections. */
export function articleDocumentSql(a: string, include: { sections: boolean }): string {
  const sections = include.sections
    ? `'sections', coalesce((
         SELECT json_agg(json_build_object('id', s.id, 'articleId', s.article_id, 'position', s.position,
                           'heading', s.heading, 'anchor', s.anchor, 'blocks', s.blocks, 'text', s.text,
                           'wordCount', s.word_count) ORDER BY s.position)
           FROM sections s WHERE s.article_id = ${a}.id), '[]'::json)`
    : `'sectionCount', (SELECT count(*) FROM sections s WHERE s.article_id = ${a}.id)`;
  return `json_build_object(
      'id', ${a}.id, 'slug', ${a}.slug, 'title', ${a}.title, 'summary', ${a}.summary, 'label', ${a}.label,
      'author', ${a}.author, 'status', ${a}.status, 'moderationState', ${a}.moderation_state,
      'publishedAt', ${a}.published_at, 'createdAt', ${a}.created_at, 'updatedAt', ${a}.updated_at,
      'wordCount', ${a}.word_count, 'readingTimeMinutes', ${a}.reading_time_minutes,
      'tags', coalesce((SELECT json_agg(t.name ORDER BY t.name)
                          FROM article_tags at JOIN tags t ON t.id = at.tag_id
                         WHERE at.article_id = ${a}.id), '[]'::json),
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
  sections?: Array<Omit<Section, 'article'>>;
  tags: string[];
};

/**
 * The Article (and its Sections) a document describes, made on the classes' prototypes with
 * each property written once, in the same order for every article: `new Article()` would first
 * define every declared class field as undefined (ES2022 class fields), and the copies through
 * Object.assign and spreads wrote them again; a page of 20 made 20 of each.
 */
export function toArticle(document: ArticleDocument): Article {
  const article = Object.create(Article.prototype) as Article;
  article.id = document.id;
  article.slug = document.slug;
  article.title = document.title;
  article.summary = document.summary;
  article.label = document.label;
  article.author = document.author;
  article.status = document.status;
  article.moderationState = document.moderationState;
  article.publishedAt = document.publishedAt === null ? null : new Date(document.publishedAt);
  article.createdAt = new Date(document.createdAt);
  article.updatedAt = new Date(document.updatedAt);
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
