import { createHash, randomBytes } from 'node:crypto';
import { IsNull, type DataSource, type Repository } from 'typeorm';
import { ApiToken } from './api-token.entity.js';
import type { Role } from './role.js';
import type { Viewer } from './viewer.js';
import { recordAudit } from '../audit/audit.service.js';

export const TOKEN_PREFIX = 'folio_';
/** last_used_at is written at most this often per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class TokenNameTakenError extends Error {
  override name = 'TokenNameTakenError';
}

export class ApiTokenService {
  private readonly tokens: Repository<ApiToken>;

  constructor(private readonly dataSource: DataSource) {
    this.tokens = dataSource.getRepository(ApiToken);
  }

  /** Makes a token and returns it once; only its sha-256 is kept. */
  async create(
    name: string,
    role: Role,
    actor: Viewer | null = null,
  ): Promise<{ token: string; record: ApiToken }> {
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const record = await this.dataSource.transaction(async (manager) => {
      if (await manager.exists(ApiToken, { where: { name } })) {
        throw new TokenNameTakenError(`a token named "${name}" already exists`);
      }
      const saved = await manager.save(
        manager.create(ApiToken, { name, role, tokenHash: hashToken(token) }),
      );
      // Admins' creations from Studio are audited; the CLI's operator has the database anyway.
      if (actor) {
        await recordAudit(
          manager,
          actor,
          'token.create',
          { type: 'token', id: saved.id },
          {
            name,
            role,
          },
        );
      }
      return saved;
    });
    return { token, record };
  }

  /** The viewer a bearer token stands for, or null when it is unknown or revoked. */
  async authenticate(token: string): Promise<Viewer | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const record = await this.tokens.findOne({
      where: { tokenHash: hashToken(token), revokedAt: IsNull() },
    });
    if (!record) return null;
    const now = Date.now();
    if (!record.lastUsedAt || now - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.tokens.update({ id: record.id }, { lastUsedAt: new Date(now) });
    }
    return {
      kind: 'token',
      userId: null,
      sessionId: null,
      tokenId: record.id,
      name: record.name,
      role: record.role,
    };
  }

  /** Revokes by name; returns false when no live token has that name. */
  async revoke(name: string, actor: Viewer | null): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const token = await manager.findOne(ApiToken, { where: { name, revokedAt: IsNull() } });
      if (!token) return false;
      await manager.update(ApiToken, { id: token.id }, { revokedAt: new Date() });
      await recordAudit(manager, actor, 'token.revoke', { type: 'token', id: token.id }, { name });
      return true;
    });
  }

  list(): Promise<ApiToken[]> {
    return this.tokens.find({ order: { createdAt: 'ASC' } });
  }
}
