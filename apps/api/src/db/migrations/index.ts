import { InitialContentSchema1764000000000 } from './1764000000000-initial-content-schema.js';
import { EditorialReportsModeration1764100000000 } from './1764100000000-editorial-reports-moderation.js';
import { ContentChangeNotifications1764200000000 } from './1764200000000-content-change-notifications.js';
import { ReportNetworksPageModeration1764300000000 } from './1764300000000-report-networks-page-moderation.js';
import { ModerationDecisionsAppeals1764310000000 } from './1764310000000-moderation-decisions-appeals.js';
import { ArticleSourceIdentity1764400000000 } from './1764400000000-article-source-identity.js';
import { SearchCandidateIndexes1764450000000 } from './1764450000000-search-candidate-indexes.js';
import { StaffAccountsPreviews1764500000000 } from './1764500000000-staff-accounts-previews.js';
import { Webhooks1764600000000 } from './1764600000000-webhooks.js';
import { ScheduledPublicationAnnouncements1764700000000 } from './1764700000000-scheduled-publication-announcements.js';
import { PageLockFreshRead1764820000000 } from './1764820000000-page-lock-fresh-read.js';
import { RelatedArticlesByTag1764910000000 } from './1764910000000-related-articles-by-tag.js';
import { ArticleTagNamesSectionCount1764960000000 } from './1764960000000-article-tag-names-section-count.js';
import { PageLockIndexReads1765000000000 } from './1765000000000-page-lock-index-reads.js';

/** Every migration, oldest first. Listed explicitly so the build and jest need no globbing. */
export const migrations = [
  InitialContentSchema1764000000000,
  EditorialReportsModeration1764100000000,
  ContentChangeNotifications1764200000000,
  ReportNetworksPageModeration1764300000000,
  ModerationDecisionsAppeals1764310000000,
  ArticleSourceIdentity1764400000000,
  SearchCandidateIndexes1764450000000,
  StaffAccountsPreviews1764500000000,
  Webhooks1764600000000,
  ScheduledPublicationAnnouncements1764700000000,
  PageLockFreshRead1764820000000,
  RelatedArticlesByTag1764910000000,
  ArticleTagNamesSectionCount1764960000000,
  PageLockIndexReads1765000000000,
];
