import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { systemClock, type Clock } from '../auth/clock.js';
import type { Role } from '../auth/role.js';
import type { Viewer } from '../auth/viewer.js';
import { StaffSession } from './staff-session.entity.js';

/** Session tokens start with this, API tokens with `folio_`: one look tells them apart. */
export const SESSION_PREFIX = 'session_';
/** last_seen_at is written at most this often per session, not on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export interface SessionPolicy {
  /** A session unused for this long ends. */
  idleMinutes: number;
  /** However active, a session ends this long after sign-in. */
  maxHours: number;
}

export interface ClientInfo {
  userAgent: string | null;
  address: string | null;
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function isSessionToken(token: string): boolean {
  return token.startsWith(SESSION_PREFIX);
}

/** Server-side sessions: revocable, listed for their user, with idle and absolute expiry. */
export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    readonly policy: SessionPolicy,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Starts a session and returns its token once; only the token's sha-256 is kept. */
  async start(
    manager: EntityManager,
    userId: string,
    client: ClientInfo,
  ): Promise<{ token: string; session: StaffSession }> {
    const now = this.clock.now();
    const token = SESSION_PREFIX + randomBytes(32).toString('base64url');
    const session = await manager.save(
      manager.create(StaffSession, {
        tokenHash: hashSessionToken(token),
        userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.policy.maxHours * 3_600_000),
        revokedAt: null,
        userAgent: client.userAgent?.slice(0, 300) ?? null,
        address: client.address?.slice(0, 64) ?? null,
      }),
    );
    return { token, session };
  }

  /**
   * The viewer a session token stands for, or null when it is unknown, revoked, expired (idle
   * or absolute) or its user was deactivated. The role is read from the user on every request,
   * so an admin's change applies at once.
   */
  async authenticate(token: string): Promise<Viewer | null> {
    if (!isSessionToken(token) || token.length > 200) return null;
    const [row]: Array<{
      id: string;
      last_seen_at: Date;
      expires_at: Date;
      user_id: string;
      display_name: string;
      role: Role;
      must_change_password: boolean;
    }> = await this.dataSource.query(
      `SELECT s.id, s.last_seen_at, s.expires_at, u.id AS user_id, u.display_name, u.role,
              u.must_change_password
         FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND u.deactivated_at IS NULL`,
      [hashSessionToken(token)],
    );
    if (!row) return null;
    const now = this.clock.now().getTime();
    if (now >= row.expires_at.getTime() || now >= this.idleExpiry(row.last_seen_at).getTime()) {
      return null;
    }
    if (now - row.last_seen_at.getTime() > LAST_SEEN_RESOLUTION_MS) {
      await this.dataSource.query(`UPDATE staff_sessions SET last_seen_at = $2 WHERE id = $1`, [
        row.id,
        new Date(now),
      ]);
    }
    return {
      kind: 'session',
      userId: row.user_id,
      sessionId: row.id,
      tokenId: null,
      name: row.display_name,
      role: row.role,
      passwordChangeRequired: row.must_change_password,
    };
  }

  idleExpiry(lastSeenAt: Date): Date {
    return new Date(lastSeenAt.getTime() + this.policy.idleMinutes * 60_000);
  }

  /** The user's sessions that can still be used, most recent first. */
  async listLive(userId: string): Promise<StaffSession[]> {
    const now = this.clock.now();
    const sessions: StaffSession[] = await this.dataSource
      .getRepository(StaffSession)
      .createQueryBuilder('s')
      .where('s.user_id = :userId AND s.revoked_at IS NULL AND s.expires_at > :now', {
        userId,
        now,
      })
      .orderBy('s.last_seen_at', 'DESC')
      .limit(100)
      .getMany();
    return sessions.filter((session) => this.idleExpiry(session.lastSeenAt) > now);
  }

  /** Revokes one of the user's own sessions; false when it is not theirs or already ended. */
  async revoke(
    userId: string,
    sessionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const result = await manager.query(
      `UPDATE staff_sessions SET revoked_at = $3
        WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id`,
      [sessionId, userId, this.clock.now()],
    );
    return (result[0] as unknown[]).length > 0;
  }

  /** Revokes every session of the user but `keep` (null: all of them); returns how many. */
  async revokeAll(
    manager: EntityManager,
    userId: string,
    keep: string | null = null,
  ): Promise<number> {
    const result = await manager.query(
      `UPDATE staff_sessions SET revoked_at = $3
        WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)
        RETURNING id`,
      [userId, keep, this.clock.now()],
    );
    return (result[0] as unknown[]).length;
  }
}
