import type { DataSource } from 'typeorm';
import { NotFoundError } from '../../errors/api-errors.js';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { isUuid } from '../../graphql/ids.js';
import {
  articleDocumentSql,
  toArticle,
  type ArticleDocument,
} from '../articles/article-document.js';
import type { Article } from '../articles/article.entity.js';
import { ModerationState } from '../articles/article-status.js';
import { recordAudit } from '../audit/audit.service.js';
import { systemClock, type Clock } from '../auth/clock.js';
import type { Viewer } from '../auth/viewer.js';
import { PreviewLinkRecord } from './preview-link.entity.js';
import { signPreviewToken, verifyPreviewToken } from './preview-token.js';

export const PREVIEW_HOURS = { default: 72, max: 24 * 30 } as const;

export interface PreviewLinkWithToken {
  record: PreviewLinkRecord;
  token: string;
}

/**
 * Preview links: anyone holding one reads the article as it is now (draft included) until the
 * link expires or is revoked. The token is signed, so it need not be stored: the list can show
 * each live link's URL again.
 */
export class PreviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly key: Buffer,
    private readonly clock: Clock = systemClock,
  ) {}

  async create(
    actor: Viewer,
    articleId: string,
    expiresInHours: number | null | undefined,
  ): Promise<PreviewLinkWithToken> {
    const hours = expiresInHours ?? PREVIEW_HOURS.default;
    if (!Number.isInteger(hours) || hours < 1 || hours > PREVIEW_HOURS.max) {
      throw new BadUserInputError(
        `"expiresInHours" must be between 1 and ${PREVIEW_HOURS.max}; got ${hours}.`,
        'expiresInHours',
      );
    }
    const now = this.clock.now();
    // Whole seconds, as the token carries them.
    const expiresAt = new Date(Math.floor(now.getTime() / 1000 + hours * 3600) * 1000);
    return this.dataSource.transaction(async (manager) => {
      const exists = isUuid(articleId)
        ? await manager.query(`SELECT 1 FROM articles WHERE id = $1 FOR SHARE`, [articleId])
        : [];
      if (exists.length === 0) throw new NotFoundError(`Article ${articleId}`);
      const record = await manager.save(
        manager.create(PreviewLinkRecord, {
          articleId,
          createdByUserId: actor.userId,
          createdByTokenId: actor.tokenId,
          createdByName: actor.name,
          createdAt: now,
          expiresAt,
          revokedAt: null,
        }),
      );
      await recordAudit(
        manager,
        actor,
        'preview.create',
        { type: 'article', id: articleId },
        {
          previewLinkId: record.id,
          expiresAt: expiresAt.toISOString(),
        },
      );
      return { record, token: this.tokenFor(record) };
    });
  }

  /** The article's links, newest first, live or not (at most 100). */
  async list(articleId: string): Promise<PreviewLinkWithToken[]> {
    if (!isUuid(articleId)) throw new NotFoundError(`Article ${articleId}`);
    const records = await this.dataSource.getRepository(PreviewLinkRecord).find({
      where: { articleId },
      order: { createdAt: 'DESC' },
      take: 100,
    });
    return records.map((record) => ({ record, token: this.tokenFor(record) }));
  }

  /** Ends a link now; false when it was already revoked. */
  async revoke(actor: Viewer, id: string): Promise<PreviewLinkWithToken> {
    return this.dataSource.transaction(async (manager) => {
      const record = isUuid(id)
        ? await manager.findOne(PreviewLinkRecord, {
            where: { id },
            lock: { mode: 'pessimistic_write' },
          })
        : null;
      if (!record) throw new NotFoundError(`Preview link ${id}`);
      if (!record.revokedAt) {
        record.revokedAt = this.clock.now();
        await manager.save(record);
        await recordAudit(
          manager,
          actor,
          'preview.revoke',
          { type: 'article', id: record.articleId },
          { previewLinkId: record.id },
        );
      }
      return { record, token: this.tokenFor(record) };
    });
  }

  /**
   * The article as the link shows it, in one statement, or null when the token is not ours,
   * the link expired or was revoked, or a moderator removed the article.
   */
  async resolve(token: string): Promise<Article | null> {
    const claims = token.length <= 200 ? verifyPreviewToken(this.key, token) : null;
    const now = this.clock.now();
    if (!claims || claims.expiresAt <= now) return null;
    const [row]: Array<{ expires_at: Date; revoked_at: Date | null; article: ArticleDocument }> =
      await this.dataSource.query(
        `SELECT p.expires_at, p.revoked_at, ${articleDocumentSql('a', { sections: true })} AS article
           FROM preview_links p JOIN articles a ON a.id = p.article_id
          WHERE p.id = $1`,
        [claims.linkId],
      );
    if (!row || row.revoked_at !== null || row.expires_at <= now) return null;
    if (row.article.moderationState === ModerationState.REMOVED) return null;
    return toArticle(row.article);
  }

  isLive(record: PreviewLinkRecord): boolean {
    return record.revokedAt === null && record.expiresAt > this.clock.now();
  }

  private tokenFor(record: PreviewLinkRecord): string {
    return signPreviewToken(this.key, { linkId: record.id, expiresAt: record.expiresAt });
  }
}
