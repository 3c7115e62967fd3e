import { registerEnumType } from 'type-graphql';

export enum ArticleStatus {
  DRAFT = 'draft',
  SCHEDULED = 'scheduled',
  PUBLISHED = 'published',
  ARCHIVED = 'archived',
}

export enum ModerationState {
  VISIBLE = 'visible',
  UNDER_REVIEW = 'under_review',
  REMOVED = 'removed',
}

registerEnumType(ArticleStatus, {
  name: 'ArticleStatus',
  description: 'Where an article is in its editorial life.',
});
registerEnumType(ModerationState, {
  name: 'ModerationState',
  description: 'What moderation decided: readers see a notice for UNDER_REVIEW, a 410 for REMOVED.',
});
