import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';

export interface SignInLimits {
  /** Consecutive failed sign-ins for one email address before it is locked. */
  failuresPerAccount: number;
  /** How long a locked account stays locked (and how long failures are remembered). */
  lockoutMinutes: number;
  /** Failed sign-ins from one address per window, whatever the accounts tried. */
  failuresPerAddress: number;
  addressWindowMinutes: number;
}

/**
 * rate-limiter-flexible's login protection pattern, stored in PostgreSQL (the `rate_limits`
 * table reports already use), so every API replica counts the same failures:
 * - per account: consecutive failures by email address, reset by a successful sign-in; keyed by
 *   the address typed, whether or not an account has it, so a lockout says nothing about
 *   which accounts exist;
 * - per network address: failures across all accounts, against guessing many accounts.
 * Memory stores would let each replica allow its own share; PostgreSQL is already there.
 */
export class SignInLimiter {
  private readonly pool: Pool;
  private readonly byAccount: RateLimiterPostgres;
  private readonly byAddress: RateLimiterPostgres;

  constructor(
    dataSource: DataSource,
    readonly limits: SignInLimits,
  ) {
    // Its own small pool, as the report limiter does: never waits behind the main pool.
    const mainPool = (dataSource.driver as unknown as { master: Pool }).master;
    this.pool = new Pool({ ...mainPool.options, max: 2 });
    this.pool.on('error', () => {}); // an idle client lost with the server; the pool replaces it
    const common = { storeClient: this.pool, storeType: 'pool', tableName: 'rate_limits' };
    this.byAccount = new RateLimiterPostgres({
      ...common,
      tableCreated: true, // by our migration
      // Every five minutes, deletes the table's rows that expired over an hour ago: the sign-in
      // windows and the report windows (reports/report-batch.store.ts shares the table and its
      // expire column), so one-time reporters' rows do not pile up. Off by default for Postgres.
      clearExpiredByTimeout: true,
      keyPrefix: 'signin_account',
      points: limits.failuresPerAccount,
      duration: limits.lockoutMinutes * 60,
      blockDuration: limits.lockoutMinutes * 60,
    });
    this.byAddress = new RateLimiterPostgres({
      ...common,
      tableCreated: true,
      keyPrefix: 'signin_address',
      points: limits.failuresPerAddress,
      duration: limits.addressWindowMinutes * 60,
      blockDuration: limits.addressWindowMinutes * 60,
    });
  }

  /** Seconds until sign-in may be tried again, or 0 when it may be tried now. */
  async lockedFor(email: string, address: string): Promise<number> {
    const [account, network] = await Promise.all([
      this.byAccount.get(accountKey(email)),
      this.byAddress.get(address),
    ]);
    const wait = (res: RateLimiterRes | null, points: number) =>
      res && res.consumedPoints >= points ? Math.ceil(res.msBeforeNext / 1000) : 0;
    return Math.max(
      wait(account, this.limits.failuresPerAccount),
      wait(network, this.limits.failuresPerAddress),
    );
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await Promise.all([
      consume(this.byAccount, accountKey(email)),
      consume(this.byAddress, address),
    ]);
  }

  /** A successful sign-in ends the account's run of failures (not the address's count). */
  async recordSuccess(email: string): Promise<void> {
    await this.byAccount.delete(accountKey(email));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** The email's hash: the limiter's table never holds addresses people typed. */
function accountKey(email: string): string {
  return createHash('sha256').update(email).digest('hex');
}

async function consume(limiter: RateLimiterPostgres, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    // Over the limit already: that is recorded (and the key blocked); the caller reports the
    // failure itself.
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
  }
}
