import { registerEnumType } from 'type-graphql';

export enum ReportReason {
  SPAM = 'spam',
  MISINFORMATION = 'misinformation',
  HARASSMENT_OR_HATE = 'harassment_or_hate',
  SEXUAL_CONTENT = 'sexual_content',
  SELF_HARM = 'self_harm',
  COPYRIGHT = 'copyright',
  ILLEGAL = 'illegal',
  OTHER = 'other',
}

export enum ReportStatus {
  OPEN = 'open',
  TRIAGED = 'triaged',
  ACTIONED = 'actioned',
  DISMISSED = 'dismissed',
}

export enum ModerationAction {
  DISMISS = 'dismiss',
  KEEP_HIDDEN = 'keep_hidden',
  REMOVE_ARTICLE = 'remove_article',
  RESTORE_ARTICLE = 'restore_article',
}

registerEnumType(ReportReason, {
  name: 'ReportReason',
  description: 'Why a reader reports a page. OTHER needs details.',
});
registerEnumType(ReportStatus, { name: 'ReportStatus' });
registerEnumType(ModerationAction, {
  name: 'ModerationAction',
  description:
    'DISMISS: no action. KEEP_HIDDEN: the page stays under review. REMOVE_ARTICLE: readers get 410. RESTORE_ARTICLE: visible again.',
});
