import type { GraphQLFieldResolver } from 'graphql';
import type { Context } from '../../graphql/context.js';
import { startsNoWork } from '../../graphql/request-deadline.plugin.js';
import type { PlainFieldsOf } from '../../graphql/plain-field-resolvers.js';
import { Role } from '../auth/role.js';
import { hasRole } from '../auth/viewer.js';
import { ModerationState } from './article-status.js';
import type { Article } from './article.entity.js';

const STAFF = [Role.EDITOR, Role.MODERATOR];

/**
 * A removed page keeps its slug, title and moderation state for the reader's 410 notice, and
 * nothing else for anonymous callers: no content, tags, author, label, counts, dates or related
 * articles. Staff still see everything. Decided per article and field, wherever the article
 * came from (a slug, a list, a search hit, a report, a preview), from the caller's context.
 */
export function contentWithheld(article: Article, context: Context): boolean {
  return article.moderationState === ModerationState.REMOVED && !hasRole(context.viewer, STAFF);
}

type Resolve = GraphQLFieldResolver<Article, Context>;

/**
 * The field as stored, or `withheld` on a page the caller may not see the content of. It reads
 * the article only, so the request deadline does not guard it (as a plain property).
 */
function shown<K extends keyof Article>(key: K, withheld: Article[K] | null): Resolve {
  return startsNoWork<Resolve>((article, _args, context) =>
    contentWithheld(article, context) ? withheld : article[key],
  );
}

/**
 * Article's content fields as plain graphql-js functions: a page of 20 articles used to make
 * about 80 calls through type-graphql's handler for these alone. The schema declares them on
 * the entity (article.entity.ts); the fields with arguments or authorization (sections,
 * related, toc, status) stay type-graphql field resolvers (article.resolver.ts).
 */
export const articleFields: PlainFieldsOf<Article, Context> = {
  typeName: 'Article',
  plain: ['id', 'slug', 'title', 'moderationState'],
  resolvers: {
    summary: shown('summary', null),
    label: shown('label', null),
    author: shown('author', null),
    publishedAt: shown('publishedAt', null),
    createdAt: shown('createdAt', null),
    updatedAt: shown('updatedAt', null),
    wordCount: shown('wordCount', 0),
    readingTimeMinutes: shown('readingTimeMinutes', 0),
    tags: (article, _args, context) => {
      if (contentWithheld(article, context)) return [];
      return article.tagNames ?? context.loaders.tagsByArticleId.load(article.id);
    },
    sectionCount: (article, _args, context) => {
      if (contentWithheld(article, context)) return 0;
      return (
        article.sectionCount ??
        article.sections?.length ??
        context.loaders.sectionCountByArticleId.load(article.id)
      );
    },
  },
};
