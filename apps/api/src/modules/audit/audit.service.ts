import type { DataSource, EntityManager } from 'typeorm';
import { toConnection, type Connection } from '../../graphql/connection.types.js';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { decodeCursor, encodeCursor, pageSize } from '../../graphql/pagination.js';
import type { Viewer } from '../auth/viewer.js';
import { toActor, type Actor } from './actor.js';
import { AuditEvent } from './audit-event.entity.js';

export interface AuditTarget {
  type:
    | 'article'
    | 'section'
    | 'report'
    | 'token'
    | 'decision'
    | 'appeal'
    | 'user'
    | 'preview'
    | 'webhook';
  id: string;
}

/**
 * Writes an audit event inside the caller's transaction, so the trail holds exactly the
 * actions that happened. A null actor is the system (e.g. the report threshold).
 */
export async function recordAudit(
  manager: EntityManager,
  who: Viewer | Actor | null,
  action: string,
  target: AuditTarget,
  details: Record<string, unknown> = {},
): Promise<void> {
  const actor = toActor(who);
  await manager.save(
    manager.create(AuditEvent, {
      actorId: actor.id,
      actorTokenId: actor.tokenId,
      actorUserId: actor.userId,
      actorName: actor.name,
      action,
      targetType: target.type,
      targetId: target.id,
      details,
    }),
  );
}

/** One event per target in one statement, e.g. every report a page-level decision closed. */
export async function recordAuditMany(
  manager: EntityManager,
  who: Viewer | Actor | null,
  action: string,
  targets: readonly AuditTarget[],
  details: Record<string, unknown> = {},
): Promise<void> {
  if (targets.length === 0) return;
  const actor = toActor(who);
  await manager.query(
    `INSERT INTO audit_events (actor_id, actor_token_id, actor_name, action, target_type,
                               target_id, details, actor_user_id)
     SELECT $7, $1, $2, $3, target.type, target.id, $4::jsonb, $8::uuid
       FROM unnest($5::text[], $6::text[]) WITH ORDINALITY AS target (type, id, position)
      ORDER BY target.position`,
    [
      actor.tokenId,
      actor.name,
      action,
      JSON.stringify(details),
      targets.map((target) => target.type),
      targets.map((target) => target.id),
      actor.id,
      actor.userId,
    ],
  );
}

export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first, optionally filtered by action, target, actor and time. */
  async list(input: {
    first?: number | null;
    after?: string | null;
    action?: string | null;
    targetId?: string | null;
    actorId?: string | null;
    since?: Date | null;
    until?: Date | null;
  }): Promise<Connection<AuditEvent>> {
    for (const [name, value] of Object.entries({
      action: input.action,
      targetId: input.targetId,
      actorId: input.actorId,
    })) {
      if (value && (value.length > 100 || value.includes('\u0000')))
        throw new BadUserInputError(`"${name}" must be at most 100 characters, without NUL.`, name);
    }
    const first = pageSize(input.first);
    const qb = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('event')
      .orderBy('event.id', 'DESC')
      .limit(first + 1);
    if (input.action) qb.andWhere('event.action = :action', { action: input.action });
    if (input.targetId) qb.andWhere('event.target_id = :targetId', { targetId: input.targetId });
    if (input.actorId) qb.andWhere('event.actor_id = :actorId', { actorId: input.actorId });
    if (input.since) qb.andWhere('event.created_at >= :since', { since: input.since });
    if (input.until) qb.andWhere('event.created_at < :until', { until: input.until });
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
