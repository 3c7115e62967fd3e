import type { DataSource, EntityManager } from 'typeorm';
import { toConnection, type Connection } from '../../graphql/connection.types.js';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { decodeCursor, encodeCursor, pageSize } from '../../graphql/pagination.js';
import type { Viewer } from '../auth/viewer.js';
import { AuditEvent } from './audit-event.entity.js';

export interface AuditTarget {
  type: 'article' | 'section' | 'report' | 'token' | 'webhook';
  id: string;
}

/**
 * Writes an audit event inside the caller's transaction, so the trail holds exactly the
 * actions that happened. A null actor is the system (e.g. the report threshold).
 */
export async function recordAudit(
  manager: EntityManager,
  actor: Viewer | null,
  action: string,
  target: AuditTarget,
  details: Record<string, unknown> = {},
): Promise<void> {
  await manager.save(
    manager.create(AuditEvent, {
      actorTokenId: actor?.tokenId ?? null,
      actorName: actor?.name ?? 'system',
      action,
      targetType: target.type,
      targetId: target.id,
      details,
    }),
  );
}

export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first, optionally one action or one target. */
  async list(input: {
    first?: number | null;
    after?: string | null;
    action?: string | null;
    targetId?: string | null;
  }): Promise<Connection<AuditEvent>> {
    const first = pageSize(input.first);
    const qb = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('event')
      .orderBy('event.id', 'DESC')
      .limit(first + 1);
    if (input.action) qb.andWhere('event.action = :action', { action: input.action });
    if (input.targetId) qb.andWhere('event.target_id = :targetId', { targetId: input.targetId });
    const total = qb.clone().limit(undefined).orderBy();
    if (input.after) {
      const [id] = decodeCursor('audit', input.after);
      if (typeof id !== 'string' || !/^\d{1,19}$/.test(id))
        throw new BadUserInputError('"after" is not a cursor from the audit log.', 'after');
      qb.andWhere('event.id < :id', { id });
    }
    const [rows, totalCount] = await Promise.all([
      first === 0 ? [] : qb.getMany(),
      total.getCount(),
    ]);
    return toConnection(rows, first, totalCount, (event) => encodeCursor('audit', [event.id]));
  }
}
