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

export type ArticleCardFieldsFragment = { id: string, slug: string, title: string, label: string | null, summary: string | null, tags: Array<string>, publishedAt: string | null, readingTimeMinutes: number };

export type ArticleListFieldsFragment = { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, slug: string, title: string, label: string | null, summary: string | null, tags: Array<string>, publishedAt: string | null, readingTimeMinutes: number } }> };

export type HomePageQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after: InputMaybe<Scalars['String']['input']>;
}>;


export type HomePageQuery = { articles: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, slug: string, title: string, label: string | null, summary: string | null, tags: Array<string>, publishedAt: string | null, readingTimeMinutes: number } }> } };

export type ArticlePageQueryVariables = Exact<{
  slug: Scalars['String']['input'];
}>;


export type ArticlePageQuery = { article: { slug: string, title: string, summary: string | null, label: string | null, author: string | null, tags: Array<string>, publishedAt: string | null, updatedAt: string | null, readingTimeMinutes: number, moderationState: ModerationState, sections: Array<{ id: string, anchor: string, heading: string | null, blocks: Array<{ __typename: 'Code', language: string | null, code: string } | { __typename: 'Image', src: string, alt: string, title: string | null } | { __typename: 'List', ordered: boolean, start: number | null, items: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> } | { __typename: 'Paragraph', inlines: Array<{ text: string, marks: Array<InlineMark>, href: string | null }> } | { __typename: 'Quote', attribution: string | null, paragraphs: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> }> }>, related: Array<{ id: string, slug: string, title: string, label: string | null, summary: string | null, tags: Array<string>, publishedAt: string | null, readingTimeMinutes: number }> } | null };

export type ReportPageQueryVariables = Exact<{
  slug: Scalars['String']['input'];
}>;


export type ReportPageQuery = { article: { slug: string, title: string, moderationState: ModerationState, toc: Array<{ anchor: string, heading: string }> } | null };

export type SubmitReportMutationVariables = Exact<{
  input: SubmitReportInput;
}>;


export type SubmitReportMutation = { submitReport: { receipt: string } };

export type FeedQueryVariables = Exact<{ [key: string]: never; }>;


export type FeedQuery = { articles: { edges: Array<{ node: { slug: string, title: string, summary: string | null, author: string | null, tags: Array<string>, publishedAt: string | null, updatedAt: string | null } }> } };

export type ArticlePreviewPageQueryVariables = Exact<{
  token: Scalars['String']['input'];
}>;


export type ArticlePreviewPageQuery = { articlePreview: { id: string, slug: string, title: string, summary: string | null, label: string | null, author: string | null, tags: Array<string>, publishedAt: string | null, readingTimeMinutes: number, toc: Array<{ anchor: string, heading: string }>, sections: Array<{ id: string, anchor: string, heading: string | null, blocks: Array<{ __typename: 'Code', language: string | null, code: string } | { __typename: 'Image', src: string, alt: string, title: string | null } | { __typename: 'List', ordered: boolean, start: number | null, items: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> } | { __typename: 'Paragraph', inlines: Array<{ text: string, marks: Array<InlineMark>, href: string | null }> } | { __typename: 'Quote', attribution: string | null, paragraphs: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> }> }> } | null };

export type ReportReceiptPageQueryVariables = Exact<{
  receipt: Scalars['String']['input'];
}>;


export type ReportReceiptPageQuery = { reportStatus: { receipt: string, status: ReportStatus, createdAt: string, updatedAt: string, resolvedAt: string | null, decision: { action: ModerationAction, decidedAt: string, reasons: string } | null, appealRights: { available: boolean, deadline: string, instructions: string } | null, appeal: { status: AppealStatus, filedAt: string, resolvedAt: string | null, outcomeAction: ModerationAction | null, outcomeReasons: string | null } | null } | null };

export type AppealPageQueryVariables = Exact<{
  receipt: Scalars['String']['input'];
}>;


export type AppealPageQuery = { reportStatus: { receipt: string, decision: { action: ModerationAction, decidedAt: string, reasons: string } | null, appealRights: { available: boolean, deadline: string } | null, appeal: { status: AppealStatus } | null } | null };

export type AppealReportMutationVariables = Exact<{
  input: AppealReportInput;
}>;


export type AppealReportMutation = { appealReport: { receipt: string } };

export type SearchPageQueryVariables = Exact<{
  query: Scalars['String']['input'];
  after: InputMaybe<Scalars['String']['input']>;
}>;


export type SearchPageQuery = { search: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { anchor: string | null, sectionHeading: string | null, snippet: Array<{ text: string, highlighted: boolean }>, article: { id: string, slug: string, title: string, label: string | null } } }> } };

export type SitemapQueryVariables = Exact<{
  after: InputMaybe<Scalars['String']['input']>;
}>;


export type SitemapQuery = { articles: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { slug: string, updatedAt: string | null } }> } };

export type TagPageQueryVariables = Exact<{
  tag: Scalars['String']['input'];
  after: InputMaybe<Scalars['String']['input']>;
}>;


export type TagPageQuery = { articles: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, slug: string, title: string, label: string | null, summary: string | null, tags: Array<string>, publishedAt: string | null, readingTimeMinutes: number } }> } };

export type SectionFieldsFragment = { id: string, anchor: string, heading: string | null, blocks: Array<{ __typename: 'Code', language: string | null, code: string } | { __typename: 'Image', src: string, alt: string, title: string | null } | { __typename: 'List', ordered: boolean, start: number | null, items: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> } | { __typename: 'Paragraph', inlines: Array<{ text: string, marks: Array<InlineMark>, href: string | null }> } | { __typename: 'Quote', attribution: string | null, paragraphs: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> }> };

type BlockFields_Code_Fragment = { __typename: 'Code', language: string | null, code: string };

type BlockFields_Image_Fragment = { __typename: 'Image', src: string, alt: string, title: string | null };

type BlockFields_List_Fragment = { __typename: 'List', ordered: boolean, start: number | null, items: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> };

type BlockFields_Paragraph_Fragment = { __typename: 'Paragraph', inlines: Array<{ text: string, marks: Array<InlineMark>, href: string | null }> };

type BlockFields_Quote_Fragment = { __typename: 'Quote', attribution: string | null, paragraphs: Array<Array<{ text: string, marks: Array<InlineMark>, href: string | null }>> };

export type BlockFieldsFragment = BlockFields_Code_Fragment | BlockFields_Image_Fragment | BlockFields_List_Fragment | BlockFields_Paragraph_Fragment | BlockFields_Quote_Fragment;

export type InlineFieldsFragment = { text: string, marks: Array<InlineMark>, href: string | null };

export type TocFieldsFragment = { anchor: string, heading: string };
