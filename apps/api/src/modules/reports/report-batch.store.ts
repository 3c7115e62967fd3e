import type { EntityManager } from 'typeorm';
import { preparedQuery, sizeBlind } from '../../db/prepared-statement.js';
import { ModerationState } from '../articles/article-status.js';
import { publishedCondition } from '../articles/article.queries.js';
import { lockPageSql } from '../moderation/page-lock.js';
import { ReportStatus } from './report-enums.js';

// The two set-based statements a batch of reports costs, whatever its size: one admits the
// attempts (rate limit, idempotency, page lock), the next files what was admitted and counts
// what the review threshold counts. They must stay two: the count has to run after the page
// lock was granted (a statement's snapshot is taken when it starts, so a count in the locking
// statement could miss reports committed by whoever held the lock), or the threshold would
// not be exact. The pages' own state is read in the first, each page after its lock, by
// `lock_page` (page-lock.ts), whose read takes a snapshot of its own.

/** One attempt to file a report, as the batch's first statement sees it. */
export interface Attempt {
  /** The rate limiter's key: the reporter, prefixed as rate-limiter-flexible stored it. */
  limiterKey: string;
  articleSlug: string;
  sectionAnchor: string | null;
  idempotencyKey: string;
}

export interface LimiterPolicy {
  points: number;
  windowMs: number;
}

/** What the first statement found for one attempt, in the batch's order. */
export interface Admission {
  /** Points the reporter had used with this attempt: over `points`, it is refused. */
  used: number;
  /** When the reporter's window ends (ms since the epoch). */
  expire: number;
  /** A report already stored under this idempotency key. */
  existing: {
    receipt: string;
    status: ReportStatus;
    createdAt: Date;
    requestHash: string;
  } | null;
  /** The published page, locked, when the attempt was admitted and the page exists. */
  page: {
    id: string;
    moderation_state: ModerationState;
    auto_hidden: boolean | null;
    cleared_at: Date | null;
    flagged_at: Date | null;
  } | null;
  section: { id: string; anchor: string } | null;
}

interface AdmissionRow {
  used: number;
  expire: string;
  existing_receipt: string | null;
  existing_status: ReportStatus | null;
  existing_created_at: Date | null;
  existing_hash: string | null;
  id: string | null;
  moderation_state: ModerationState | null;
  auto_hidden: boolean | null;
  cleared_at: Date | null;
  flagged_at: Date | null;
  section_id: string | null;
  section_anchor: string | null;
}

/**
 * Charges every attempt to its reporter (a fixed window: rate-limiter-flexible's policy and
 * table, so windows running at deploy time carry on), then, for the attempts within their
 * limit only, finds a report already filed under the key and locks the page, reading it
 * once locked (and finding the section). Attempts over the limit lock nothing: they never
 * wait for a page.
 *
 * Rows are locked in one order (limiter keys, then pages by id), so batches committing at
 * the same time, here or in another replica, cannot deadlock each other.
 */
export async function admitAttempts(
  manager: EntityManager,
  attempts: Attempt[],
  policy: LimiterPolicy,
  nowMs: number,
): Promise<Admission[]> {
  const rows = await preparedQuery<AdmissionRow>(
    manager,
    'reports-admit-attempts',
    () =>
      `WITH attempt AS (
       SELECT * FROM unnest(${sizeBlind('$1::text[]')}, ${sizeBlind('$2::text[]')},
                            ${sizeBlind('$3::text[]')}, ${sizeBlind('$4::text[]')})
                WITH ORDINALITY AS t(limiter_key, slug, anchor, idempotency_key, ord)),
     charged AS (
       INSERT INTO rate_limits AS r (key, points, expire)
       SELECT limiter_key, count(*)::int, $5::bigint + $6::bigint
         FROM attempt GROUP BY limiter_key ORDER BY limiter_key
       ON CONFLICT (key) DO UPDATE SET
         points = CASE WHEN r.expire <= $5::bigint THEN EXCLUDED.points
                       ELSE r.points + EXCLUDED.points END,
         expire = CASE WHEN r.expire <= $5::bigint THEN EXCLUDED.expire ELSE r.expire END
       RETURNING key, points, expire),
     ranked AS (
       SELECT a.*, c.expire,
              (c.points - count(*) OVER (PARTITION BY a.limiter_key)
                 + row_number() OVER (PARTITION BY a.limiter_key ORDER BY a.ord))::int AS used
         FROM attempt a JOIN charged c ON c.key = a.limiter_key),
     admitted AS (SELECT * FROM ranked WHERE used <= $7),
     existing AS (
       SELECT r.idempotency_key, r.receipt, r.status, r.created_at, r.request_hash
         FROM reports r WHERE r.idempotency_key IN (SELECT idempotency_key FROM admitted)),
     -- each published page locked and then read by lock_page (published still, once
     -- locked?); the subquery's ORDER BY fixes the order the locks are taken in (by id, as
     -- ever), and a CTE calling a volatile function is never inlined (the guard below reads
     -- it to the end, so every lock is taken).
     locked AS (
       SELECT l.id, l.slug, l.moderation_state, l.auto_hidden, l.cleared_at, l.flagged_at
         FROM (SELECT DISTINCT a.id FROM articles a
                WHERE a.slug IN (SELECT slug FROM admitted) AND ${publishedCondition('a')}
                ORDER BY a.id) p
        CROSS JOIN LATERAL ${lockPageSql('p.id')} l
        WHERE ${publishedCondition('l')})
     SELECT k.used, k.expire,
            e.receipt AS existing_receipt, e.status AS existing_status,
            e.created_at AS existing_created_at, e.request_hash AS existing_hash,
            l.id, l.moderation_state, l.auto_hidden, l.cleared_at, l.flagged_at,
            s.id AS section_id, s.anchor AS section_anchor
       FROM ranked k
      CROSS JOIN (SELECT count(*) FROM locked) every_lock_taken
       LEFT JOIN existing e ON k.used <= $7 AND e.idempotency_key = k.idempotency_key
       LEFT JOIN locked l ON k.used <= $7 AND l.slug = k.slug
       LEFT JOIN sections s ON s.article_id = l.id AND s.anchor = k.anchor
      ORDER BY k.ord`,
    [
      attempts.map((a) => a.limiterKey),
      attempts.map((a) => a.articleSlug),
      attempts.map((a) => a.sectionAnchor),
      attempts.map((a) => a.idempotencyKey),
      nowMs,
      policy.windowMs,
      policy.points,
    ],
  );
  return rows.map((row) => ({
    used: row.used,
    expire: Number(row.expire),
    existing:
      row.existing_receipt !== null
        ? {
            receipt: row.existing_receipt,
            status: row.existing_status!,
            createdAt: row.existing_created_at!,
            requestHash: row.existing_hash!,
          }
        : null,
    page:
      row.id !== null
        ? {
            id: row.id,
            moderation_state: row.moderation_state!,
            auto_hidden: row.auto_hidden,
            cleared_at: row.cleared_at,
            flagged_at: row.flagged_at,
          }
        : null,
    section: row.section_id !== null ? { id: row.section_id, anchor: row.section_anchor! } : null,
  }));
}

/** A report to insert: the batch's second statement takes them in this order. */
export interface NewReport {
  receipt: string;
  articleId: string;
  sectionId: string | null;
  sectionAnchor: string | null;
  reason: string;
  details: string;
  contactEmail: string | null;
  reporterKey: string;
  networkKey: string;
  idempotencyKey: string;
  requestHash: string;
  createdAt: Date;
  /** The page's last clearing by a moderator: reports before it, and their networks, don't count. */
  clearedAt: Date | null;
  /**
   * Whether the threshold can still act on the page (visible and not flagged): only then are
   * its reports counted. A page under review, or flagged and waiting for a moderator, keeps
   * receiving reports during a brigade, and counting them all again for each was wasted work.
   */
  counted: boolean;
}

/**
 * A report the statement stored, with what the threshold counted on its page at that point
 * (zeros and no first report when the report was not `counted`).
 */
export interface Filed {
  idempotencyKey: string;
  receipt: string;
  status: ReportStatus;
  createdAt: Date;
  networks: number;
  reporters: number;
  firstReportAt: Date | null;
}

interface FiledRow {
  idempotency_key: string;
  receipt: string;
  status: ReportStatus;
  created_at: Date;
  networks: number;
  reporters: number;
  first_report_at: Date | null;
}

/**
 * Inserts the reports (a key stored meanwhile by another process is skipped, and the caller
 * answers it as a replay) and, for each one stored, counts the page's open reports as if the
 * batch's reports had been filed one after another: those stored before, within the window
 * and after the page was last cleared, from networks that had not reported it before that,
 * plus this batch's reports on the page up to and including this one. Reports not `counted`
 * skip the count (its scans sit behind a one-time filter on the flag).
 */
export async function fileReports(
  manager: EntityManager,
  reports: NewReport[],
  windowSeconds: number,
): Promise<Filed[]> {
  const column = <K extends keyof NewReport>(key: K) => reports.map((report) => report[key]);
  const rows = await preparedQuery<FiledRow>(
    manager,
    'reports-file-batch',
    () =>
      `WITH input AS (
       SELECT * FROM unnest(
         ${sizeBlind('$1::text[]')}, ${sizeBlind('$2::uuid[]')}, ${sizeBlind('$3::uuid[]')},
         ${sizeBlind('$4::text[]')}, ${sizeBlind('$5::text[]')}, ${sizeBlind('$6::text[]')},
         ${sizeBlind('$7::text[]')}, ${sizeBlind('$8::text[]')}, ${sizeBlind('$9::text[]')},
         ${sizeBlind('$10::text[]')}, ${sizeBlind('$11::text[]')}, ${sizeBlind('$12::timestamptz[]')},
         ${sizeBlind('$13::timestamptz[]')}, ${sizeBlind('$15::bool[]')})
                WITH ORDINALITY AS t(receipt, article_id, section_id, section_anchor, reason,
                                     details, contact_email, reporter_key, network_key,
                                     idempotency_key, request_hash, created_at, cleared_at,
                                     counted, ord)),
     inserted AS (
       INSERT INTO reports (receipt, article_id, section_id, section_anchor, reason, details,
                            contact_email, reporter_key, network_key, idempotency_key,
                            request_hash, created_at)
       SELECT receipt, article_id, section_id, section_anchor, reason::report_reason, details,
              contact_email, reporter_key, network_key, idempotency_key, request_hash, created_at
         FROM input ORDER BY ord
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING idempotency_key, receipt, status, created_at, article_id, reporter_key,
                 network_key),
     batch AS (
       SELECT i.*, input.ord, input.cleared_at, input.counted
         FROM inserted i JOIN input ON input.idempotency_key = i.idempotency_key)
     SELECT b.idempotency_key, b.receipt, b.status, b.created_at,
            c.networks, c.reporters, c.first_report_at
       FROM batch b
       CROSS JOIN LATERAL (
         SELECT count(DISTINCT counted.network_key)::int AS networks,
                count(DISTINCT counted.reporter_key)::int AS reporters,
                min(counted.created_at) AS first_report_at
           FROM (SELECT r.reporter_key, r.network_key, r.created_at FROM reports r
                  WHERE b.counted AND r.article_id = b.article_id
                    AND r.status IN ('open', 'triaged')
                    AND r.created_at > b.created_at - make_interval(secs => $14)
                 UNION ALL
                 SELECT o.reporter_key, o.network_key, o.created_at FROM batch o
                  WHERE b.counted AND o.article_id = b.article_id AND o.ord <= b.ord) counted
          WHERE b.cleared_at IS NULL OR (counted.created_at > b.cleared_at AND NOT EXISTS (
                  SELECT 1 FROM reports p
                   WHERE p.article_id = b.article_id AND p.network_key = counted.network_key
                     AND p.created_at <= b.cleared_at))) c
      ORDER BY b.ord`,
    [
      column('receipt'),
      column('articleId'),
      column('sectionId'),
      column('sectionAnchor'),
      column('reason'),
      column('details'),
      column('contactEmail'),
      column('reporterKey'),
      column('networkKey'),
      column('idempotencyKey'),
      column('requestHash'),
      column('createdAt'),
      column('clearedAt'),
      windowSeconds,
      column('counted'),
    ],
  );
  return rows.map((row) => ({
    idempotencyKey: row.idempotency_key,
    receipt: row.receipt,
    status: row.status,
    createdAt: row.created_at,
    networks: row.networks,
    reporters: row.reporters,
    firstReportAt: row.first_report_at,
  }));
}

/**
 * Flags pages for moderators, as the moderation store's `flagPage` does one page at a time:
 * the page's flag set (or moved) to `at` with its reason. In page id order, so two batches
 * flagging the same pages cannot deadlock each other.
 */
export async function flagPages(
  manager: EntityManager,
  flags: Array<{ articleId: string; reason: string; at: Date }>,
): Promise<void> {
  await preparedQuery(
    manager,
    'reports-flag-pages',
    () =>
      `INSERT INTO article_moderation (article_id, flagged_at, flag_reason)
     SELECT article_id, flagged_at, flag_reason
       FROM unnest(${sizeBlind('$1::uuid[]')}, ${sizeBlind('$2::timestamptz[]')},
                   ${sizeBlind('$3::text[]')}) AS t(article_id, flagged_at, flag_reason)
      ORDER BY article_id
     ON CONFLICT (article_id) DO UPDATE SET flagged_at = EXCLUDED.flagged_at,
                                           flag_reason = EXCLUDED.flag_reason`,
    [
      flags.map((flag) => flag.articleId),
      flags.map((flag) => flag.at),
      flags.map((flag) => flag.reason),
    ],
  );
}
