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

export function toArticle({
  sections,
  tags,
  publishedAt,
  createdAt,
  updatedAt,
  ...columns
}: ArticleDocument): Article {
  return Object.assign(new Article(), columns, {
    publishedAt: publishedAt ? new Date(publishedAt) : null,
    createdAt: new Date(createdAt),
    updatedAt: new Date(updatedAt),
    tagNames: tags,
    ...(sections
      ? { sections: sections.map((section) => Object.assign(new Section(), section)) }
      : {}),
  });
}
