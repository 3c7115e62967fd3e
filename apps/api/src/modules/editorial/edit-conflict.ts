import { ErrorCode } from '@folio/contract';
import { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { ArticleRevision } from './article-revision.entity.js';
import { diffSnapshots } from './revision-diff.js';
import { currentVersion } from './revision.service.js';

/** Someone saved the article since the editor loaded it; nothing of this save was stored. */
export class EditConflictError extends GraphQLError {
  constructor(extensions: EditConflictDetails) {
    super(
      `Someone else saved this article since you loaded it (version ${extensions.expectedVersion}; it is now ${extensions.currentVersion}, last saved by ${extensions.savedBy ?? 'an import'}). Nothing was saved: load it again and reapply your changes.`,
      { extensions: { code: ErrorCode.EDIT_CONFLICT, ...extensions } },
    );
  }
}

export interface EditConflictDetails extends Record<string, unknown> {
  expectedVersion: number;
  currentVersion: number;
  /** Who made the latest save, and when. */
  savedBy: string | null;
  savedByUserId: string | null;
  savedAt: string | null;
  /** What differs between the version the editor had and the current one. */
  changedFields: string[];
  /** The saves in between, oldest first (at most 20). */
  changes: Array<{ version: number; reason: string; savedBy: string | null; savedAt: string }>;
}

/**
 * Optimistic concurrency: with the article row locked, a save that names the version it was
 * based on goes ahead only if that is still the current one. Without `expected` (integrations,
 * the CLI) it always goes ahead, as before.
 */
export async function assertCurrentVersion(
  manager: EntityManager,
  articleId: string,
  expected: number | null | undefined,
): Promise<void> {
  if (expected === null || expected === undefined) return;
  if (!Number.isInteger(expected) || expected < 0) {
    throw new BadUserInputError(
      '"expectedVersion" must be a version the API gave.',
      'expectedVersion',
    );
  }
  const current = await currentVersion(manager, articleId);
  if (current === expected) return;
  const revisions = await manager
    .getRepository(ArticleRevision)
    .createQueryBuilder('r')
    .where('r.article_id = :articleId AND r.number IN (:...numbers)', {
      articleId,
      numbers: [expected, current],
    })
    .getMany();
  const base = revisions.find((r) => r.number === expected) ?? null;
  const latest = revisions.find((r) => r.number === current) ?? null;
  const between = await manager
    .getRepository(ArticleRevision)
    .createQueryBuilder('r')
    .where('r.article_id = :articleId AND r.number > :expected', { articleId, expected })
    .orderBy('r.number', 'ASC')
    .limit(20)
    .getMany();
  throw new EditConflictError({
    expectedVersion: expected,
    currentVersion: current,
    savedBy: latest?.createdByName ?? null,
    savedByUserId: latest?.createdByUserId ?? null,
    savedAt: latest?.createdAt.toISOString() ?? null,
    changedFields: latest
      ? diffSnapshots(base?.snapshot ?? null, latest.snapshot).changedFields
      : [],
    changes: between.map((r) => ({
      version: r.number,
      reason: r.reason,
      savedBy: r.createdByName,
      savedAt: r.createdAt.toISOString(),
    })),
  });
}
