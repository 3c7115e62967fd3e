export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
};

export type AddSectionInput = {
  heading: InputMaybe<Scalars['String']['input']>;
  /** Markdown; headings inside become bold paragraphs. */
  markdown: Scalars['String']['input'];
  /** Where to insert (0 = first); default: at the end. */
  position: InputMaybe<Scalars['Int']['input']>;
};

/** The author's appeal against a decision on their article. */
export type AppealDecisionInput = {
  decisionId: Scalars['ID']['input'];
  /** Why the decision is wrong; at most 2000. */
  grounds: Scalars['String']['input'];
};

export type AppealOutcome =
  | 'REVERSE'
  | 'UPHOLD';

/** A reporter's appeal, made with the report's receipt. */
export type AppealReportInput = {
  /** Why the decision is wrong; at most 2000. */
  grounds: Scalars['String']['input'];
  receipt: Scalars['String']['input'];
};

/** OPEN: waiting for a moderator. UPHELD: the decision stands. REVERSED: changed. */
export type AppealStatus =
  | 'OPEN'
  | 'REVERSED'
  | 'UPHELD';

/** Who appealed: a reporter (by receipt) or the article’s author. */
export type Appellant =
  | 'AUTHOR'
  | 'REPORTER';

/** Where an article is in its editorial life. */
export type ArticleStatus =
  | 'ARCHIVED'
  | 'DRAFT'
  | 'PUBLISHED'
  | 'SCHEDULED';

export type CacheControlScope =
  | 'PRIVATE'
  | 'PUBLIC';

/** Either `markdown` (a whole document: front matter, `# Title`, `##` sections) or `title` with `sections`. */
export type CreateArticleInput = {
  author: InputMaybe<Scalars['String']['input']>;
  label: InputMaybe<Scalars['String']['input']>;
  markdown: InputMaybe<Scalars['String']['input']>;
  sections: InputMaybe<Array<SectionInput>>;
  slug: InputMaybe<Scalars['String']['input']>;
  summary: InputMaybe<Scalars['String']['input']>;
  tags: InputMaybe<Array<Scalars['String']['input']>>;
  title: InputMaybe<Scalars['String']['input']>;
};

/** A new staff account; it gets a one-time password. */
export type CreateStaffUserInput = {
  displayName: Scalars['String']['input'];
  email: Scalars['String']['input'];
  role: Role;
};

export type CreateWebhookEndpointInput = {
  description: InputMaybe<Scalars['String']['input']>;
  /** Event types, e.g. ["article.published"]. */
  events: Array<Scalars['String']['input']>;
  /** https, and a public address (see the README). */
  url: Scalars['String']['input'];
};

export type DiffLineKind =
  | 'ADDED'
  | 'REMOVED'
  | 'UNCHANGED';

export type InlineMark =
  | 'CODE'
  | 'EMPHASIS'
  | 'STRONG';

/** DISMISS: no action. KEEP_HIDDEN: the page stays under review. REMOVE_ARTICLE: readers get 410. RESTORE_ARTICLE: visible again. */
export type ModerationAction =
  | 'DISMISS'
  | 'KEEP_HIDDEN'
  | 'REMOVE_ARTICLE'
  | 'RESTORE_ARTICLE';

/** What moderation decided: readers see a notice for UNDER_REVIEW, a 410 for REMOVED. */
export type ModerationState =
  | 'REMOVED'
  | 'UNDER_REVIEW'
  | 'VISIBLE';

export type PublishArticleInput = {
  /** A future time schedules; default: now. */
  at: InputMaybe<Scalars['DateTime']['input']>;
};

/** NEWEST: latest report first. MOST_REPORTED: most distinct networks first. */
export type QueueOrder =
  | 'MOST_REPORTED'
  | 'NEWEST';

export type ReportFilter = {
  articleSlug: InputMaybe<Scalars['String']['input']>;
  reason: InputMaybe<ReportReason>;
  status: InputMaybe<ReportStatus>;
};

/** Why a reader reports a page. OTHER needs details. */
export type ReportReason =
  | 'COPYRIGHT'
  | 'HARASSMENT_OR_HATE'
  | 'ILLEGAL'
  | 'MISINFORMATION'
  | 'OTHER'
  | 'SELF_HARM'
  | 'SEXUAL_CONTENT'
  | 'SPAM';

export type ReportStatus =
  | 'ACTIONED'
  | 'DISMISSED'
  | 'OPEN'
  | 'TRIAGED';

/** The reviewing moderator’s outcome, with reasons the appellant sees. */
export type ResolveAppealInput = {
  /** Required to REVERSE: the new decision on the page (KEEP_HIDDEN, REMOVE_ARTICLE or RESTORE_ARTICLE), other than the first. */
  action: InputMaybe<ModerationAction>;
  outcome: AppealOutcome;
  /** At most 2000 characters. */
  reasons: Scalars['String']['input'];
  template: InputMaybe<Scalars['String']['input']>;
};

/** A decision, with the statement of reasons the reporters will see. */
export type ResolveReportInput = {
  action: ModerationAction;
  /** An internal note for moderators: kept on the reports and in the audit trail, never shown to reporters. */
  note: InputMaybe<Scalars['String']['input']>;
  /** The statement of reasons, shown to the reporters on their receipt: required, at most 2000 characters. Start from a moderationReasonTemplates text. */
  reasons: Scalars['String']['input'];
  /** The key of the template the reasons started from (for statistics). */
  template: InputMaybe<Scalars['String']['input']>;
};

/** What a staff member or an API token may do. Admins may do everything editors and moderators may. */
export type Role =
  | 'ADMIN'
  | 'EDITOR'
  | 'MODERATOR';

export type SectionChangeKind =
  | 'ADDED'
  | 'CHANGED'
  | 'REMOVED'
  | 'UNCHANGED';

/** A section: an optional heading and its body in Markdown. */
export type SectionInput = {
  heading: InputMaybe<Scalars['String']['input']>;
  /** Markdown; headings inside become bold paragraphs. */
  markdown: Scalars['String']['input'];
};

/** A report of a page, or of one section of it. */
export type SubmitReportInput = {
  articleSlug: Scalars['String']['input'];
  /** Only moderators see it, to follow up. */
  contactEmail: InputMaybe<Scalars['String']['input']>;
  /** Required for OTHER; at most 2000 characters. */
  details: InputMaybe<Scalars['String']['input']>;
  /** A random key per report form (8-100 letters, digits, - or _): resubmitting it returns the same receipt. */
  idempotencyKey: Scalars['String']['input'];
  reason: ReportReason;
  /** Report one section: its anchor. */
  sectionAnchor: InputMaybe<Scalars['String']['input']>;
};

/** Fields to change; those left out stay as they are. */
export type UpdateArticleInput = {
  author: InputMaybe<Scalars['String']['input']>;
  label: InputMaybe<Scalars['String']['input']>;
  slug: InputMaybe<Scalars['String']['input']>;
  summary: InputMaybe<Scalars['String']['input']>;
  tags: InputMaybe<Array<Scalars['String']['input']>>;
  title: InputMaybe<Scalars['String']['input']>;
};

/** Fields to change; those left out stay as they are. */
export type UpdateSectionInput = {
  heading: InputMaybe<Scalars['String']['input']>;
  markdown: InputMaybe<Scalars['String']['input']>;
};

export type UpdateWebhookEndpointInput = {
  description: InputMaybe<Scalars['String']['input']>;
  enabled: InputMaybe<Scalars['Boolean']['input']>;
  events: InputMaybe<Array<Scalars['String']['input']>>;
};

/** PENDING: waiting for its (next) attempt; FAILED: retries exhausted or endpoint gone. */
export type WebhookDeliveryStatus =
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING';

export type SignInMutationVariables = Exact<{
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
}>;


export type SignInMutation = { signIn: { token: string, expiresAt: string, user: { id: string, email: string, displayName: string, role: Role, mustChangePassword: boolean } } };

export type TransparencyQueryVariables = Exact<{
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
}>;


export type TransparencyQuery = { transparencyReport: { reportCount: number, decisionCount: number, medianSecondsToDecision: number | null, appealsFiled: number, appealsUpheld: number, appealsReversed: number, reportsByReason: Array<{ reason: ReportReason, count: number }>, decisionsByAction: Array<{ action: ModerationAction, count: number }> } };

export type ChangePasswordMutationVariables = Exact<{
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
}>;


export type ChangePasswordMutation = { changePassword: { sessionsRevoked: number } };

export type MySessionsQueryVariables = Exact<{ [key: string]: never; }>;


export type MySessionsQuery = { mySessions: Array<{ id: string, current: boolean, address: string | null, userAgent: string | null, createdAt: string, lastSeenAt: string, expiresAt: string }> };

export type RevokeSessionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RevokeSessionMutation = { revokeSession: boolean };

export type AuditLogQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after: InputMaybe<Scalars['String']['input']>;
  action: InputMaybe<Scalars['String']['input']>;
  targetId: InputMaybe<Scalars['String']['input']>;
  actorId: InputMaybe<Scalars['String']['input']>;
  since: InputMaybe<Scalars['DateTime']['input']>;
  until: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type AuditLogQuery = { auditEvents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, action: string, actorName: string, actorUserId: string | null, targetType: string, targetId: string, details: Record<string, unknown>, createdAt: string } }> } };

export type AuditStaffQueryVariables = Exact<{ [key: string]: never; }>;


export type AuditStaffQuery = { staffUsers: Array<{ id: string, displayName: string, email: string }> };

export type AuditArticleQueryVariables = Exact<{
  slug: Scalars['String']['input'];
}>;


export type AuditArticleQuery = { article: { id: string, title: string } | null };

export type AdminApiTokensQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminApiTokensQuery = { apiTokens: Array<{ id: string, name: string, role: Role, createdAt: string, lastUsedAt: string | null, revokedAt: string | null }> };

export type CreateApiTokenMutationVariables = Exact<{
  name: Scalars['String']['input'];
  role: Role;
}>;


export type CreateApiTokenMutation = { createApiToken: { token: string, apiToken: { name: string, role: Role } } };

export type RevokeApiTokenMutationVariables = Exact<{
  name: Scalars['String']['input'];
}>;


export type RevokeApiTokenMutation = { revokeApiToken: boolean };

export type StaffUsersQueryVariables = Exact<{ [key: string]: never; }>;


export type StaffUsersQuery = { staffUsers: Array<{ id: string, email: string, displayName: string, role: Role, lastSignInAt: string | null, deactivatedAt: string | null, mustChangePassword: boolean }> };

export type CreateStaffUserMutationVariables = Exact<{
  input: CreateStaffUserInput;
}>;


export type CreateStaffUserMutation = { createStaffUser: { oneTimePassword: string | null, user: { email: string } } };

export type StaffUserActionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  role: Role;
  deactivate: Scalars['Boolean']['input'];
  reactivate: Scalars['Boolean']['input'];
  reset: Scalars['Boolean']['input'];
  setRole: Scalars['Boolean']['input'];
}>;


export type StaffUserActionMutation = { deactivateStaffUser?: { id: string }, reactivateStaffUser?: { id: string }, resetStaffUserPassword?: { oneTimePassword: string | null, user: { email: string } }, setStaffUserRole?: { id: string } };

export type EditorArticleQueryVariables = Exact<{
  slug: Scalars['String']['input'];
}>;


export type EditorArticleQuery = { article: { id: string, slug: string, title: string, label: string | null, summary: string | null, author: string | null, tags: Array<string>, status: ArticleStatus, moderationState: ModerationState, publishedAt: string | null, updatedAt: string | null, version: number, sections: Array<{ id: string, position: number, anchor: string, heading: string | null, blocks: Array<{ __typename: 'Code', language: string | null, code: string } | { __typename: 'Image', src: string, alt: string, title: string | null } | { __typename: 'List', ordered: boolean, start: number | null, items: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> } | { __typename: 'Paragraph', inlines: Array<{ text: string, marks: Array<InlineMark>, href: string | null }> } | { __typename: 'Quote', attribution: string | null, paragraphs: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> }> }> } | null };

export type UpdateArticleDetailsMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateArticleInput;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
}>;


export type UpdateArticleDetailsMutation = { updateArticle: { id: string, version: number, slug: string } };

export type UpdateSectionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateSectionInput;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
}>;


export type UpdateSectionMutation = { updateSection: { id: string, version: number } };

export type AddSectionMutationVariables = Exact<{
  articleId: Scalars['ID']['input'];
  input: AddSectionInput;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
}>;


export type AddSectionMutation = { addSection: { id: string, version: number } };

export type MoveSectionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  position: Scalars['Int']['input'];
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
}>;


export type MoveSectionMutation = { moveSection: { id: string, version: number } };

export type RemoveSectionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
}>;


export type RemoveSectionMutation = { removeSection: { id: string, version: number } };

export type PublishArticleMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: InputMaybe<PublishArticleInput>;
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
}>;


export type PublishArticleMutation = { publishArticle: { id: string, version: number, status: ArticleStatus, publishedAt: string | null } };

export type UnpublishArticleMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
}>;


export type UnpublishArticleMutation = { unpublishArticle: { id: string, version: number } };

export type ArchiveArticleMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  expectedVersion: InputMaybe<Scalars['Int']['input']>;
}>;


export type ArchiveArticleMutation = { archiveArticle: { id: string, version: number } };

export type PreviewLinksPageQueryVariables = Exact<{
  slug: Scalars['String']['input'];
}>;


export type PreviewLinksPageQuery = { article: { id: string, slug: string, title: string, status: ArticleStatus } | null };

export type PreviewLinkListQueryVariables = Exact<{
  articleId: Scalars['ID']['input'];
}>;


export type PreviewLinkListQuery = { previewLinks: Array<{ id: string, token: string, createdAt: string, createdBy: string, expiresAt: string, revokedAt: string | null, live: boolean }> };

export type CreatePreviewLinkMutationVariables = Exact<{
  articleId: Scalars['ID']['input'];
  expiresInHours: InputMaybe<Scalars['Int']['input']>;
}>;


export type CreatePreviewLinkMutation = { createPreviewLink: { id: string, token: string } };

export type RevokePreviewLinkMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RevokePreviewLinkMutation = { revokePreviewLink: { id: string } };

export type RevisionsPageQueryVariables = Exact<{
  slug: Scalars['String']['input'];
}>;


export type RevisionsPageQuery = { article: { id: string, slug: string, title: string } | null };

export type RevisionListQueryVariables = Exact<{
  articleId: Scalars['ID']['input'];
}>;


export type RevisionListQuery = { articleRevisions: Array<{ id: string, number: number, reason: string, status: string, title: string, createdAt: string }> };

export type RevisionContentQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RevisionContentQuery = { articleRevision: { id: string, number: number, title: string, summary: string | null, tags: Array<string>, sections: Array<{ anchor: string, heading: string | null, blocks: Array<{ __typename: 'Code', language: string | null, code: string } | { __typename: 'Image', src: string, alt: string, title: string | null } | { __typename: 'List', ordered: boolean, start: number | null, items: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> } | { __typename: 'Paragraph', inlines: Array<{ text: string, marks: Array<InlineMark>, href: string | null }> } | { __typename: 'Quote', attribution: string | null, paragraphs: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> }> }> } | null };

export type RestoreRevisionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RestoreRevisionMutation = { restoreRevision: { id: string, slug: string } };

export type StudioArticlesQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after: InputMaybe<Scalars['String']['input']>;
  status: InputMaybe<ArticleStatus>;
  moderationState: InputMaybe<ModerationState>;
  query: InputMaybe<Scalars['String']['input']>;
}>;


export type StudioArticlesQuery = { editorialArticles: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, slug: string, title: string, status: ArticleStatus, moderationState: ModerationState, publishedAt: string | null, updatedAt: string | null, author: string | null } }> } };

export type CreateArticleDraftMutationVariables = Exact<{
  input: CreateArticleInput;
}>;


export type CreateArticleDraftMutation = { createArticle: { id: string, slug: string } };

export type ModerationQueueQueryVariables = Exact<{
  order: QueueOrder;
}>;


export type ModerationQueueQuery = { moderationQueue: { totalCount: number, items: Array<{ moderationState: ModerationState, autoHidden: boolean, flagReason: string | null, reportCount: number, reporterCount: number, networkCount: number, latestReportAt: string, article: { id: string, slug: string, title: string }, reasons: Array<{ reason: ReportReason, count: number }>, sections: Array<{ sectionAnchor: string | null, reportCount: number, reporterCount: number, networkCount: number, reasons: Array<{ reason: ReportReason, count: number }>, reports: Array<{ id: string, contactEmail: string | null }> }> }> } };

export type AppealsQueueQueryVariables = Exact<{ [key: string]: never; }>;


export type AppealsQueueQuery = { appeals: { totalCount: number, edges: Array<{ node: { id: string, appellant: Appellant, filedAt: string, filedByName: string, grounds: string, reportReceipt: string | null, articleId: string, decision: { id: string, action: ModerationAction, actorName: string, decidedAt: string, reasons: string } } }> } };

export type ResolveAppealMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: ResolveAppealInput;
}>;


export type ResolveAppealMutation = { resolveAppeal: { id: string, status: AppealStatus } };

export type ModerationPageQueryVariables = Exact<{
  slug: Scalars['String']['input'];
}>;


export type ModerationPageQuery = { article: { id: string, slug: string, title: string, label: string | null, summary: string | null, author: string | null, tags: Array<string>, publishedAt: string | null, moderationState: ModerationState, sections: Array<{ id: string, anchor: string, heading: string | null, blocks: Array<{ __typename: 'Code', language: string | null, code: string } | { __typename: 'Image', src: string, alt: string, title: string | null } | { __typename: 'List', ordered: boolean, start: number | null, items: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> } | { __typename: 'Paragraph', inlines: Array<{ text: string, marks: Array<InlineMark>, href: string | null }> } | { __typename: 'Quote', attribution: string | null, paragraphs: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> }> }> } | null, moderationReasonTemplates: Array<{ key: string, action: ModerationAction, title: string, text: string }>, reports: { edges: Array<{ node: { id: string, receipt: string, reason: ReportReason, details: string, contactEmail: string | null, sectionAnchor: string | null, createdAt: string, status: ReportStatus, resolutionAction: string | null, resolutionNote: string | null, resolvedAt: string | null } }> } };

export type ResolvePageReportsMutationVariables = Exact<{
  articleId: Scalars['ID']['input'];
  input: ResolveReportInput;
}>;


export type ResolvePageReportsMutation = { resolveArticleReports: { closedReports: number, moderationState: ModerationState } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut: boolean };

export type SectionFieldsFragment = { id: string, anchor: string, heading: string | null, blocks: Array<{ __typename: 'Code', language: string | null, code: string } | { __typename: 'Image', src: string, alt: string, title: string | null } | { __typename: 'List', ordered: boolean, start: number | null, items: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> } | { __typename: 'Paragraph', inlines: Array<{ text: string, marks: Array<InlineMark>, href: string | null }> } | { __typename: 'Quote', attribution: string | null, paragraphs: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> }> };

type BlockFields_Code_Fragment = { __typename: 'Code', language: string | null, code: string };

type BlockFields_Image_Fragment = { __typename: 'Image', src: string, alt: string, title: string | null };

type BlockFields_List_Fragment = { __typename: 'List', ordered: boolean, start: number | null, items: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> };

type BlockFields_Paragraph_Fragment = { __typename: 'Paragraph', inlines: Array<{ text: string, marks: Array<InlineMark>, href: string | null }> };

type BlockFields_Quote_Fragment = { __typename: 'Quote', attribution: string | null, paragraphs: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> };

export type BlockFieldsFragment = BlockFields_Code_Fragment | BlockFields_Image_Fragment | BlockFields_List_Fragment | BlockFields_Paragraph_Fragment | BlockFields_Quote_Fragment;

export type InlineFieldsFragment = { text: string, marks: Array<InlineMark>, href: string | null };

export type TocFieldsFragment = { anchor: string, heading: string };
