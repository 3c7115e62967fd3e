import { randomUUID } from 'node:crypto';
import { createArticle } from '../../../test/factories.js';
import { TEST_FORWARDING_SECRET } from '../../../test/test-api.js';
import { useApiTestContext } from '../../../test/api-test-context.js';
import { FORWARDED_ADDRESS_HEADER, FORWARDING_SECRET_HEADER } from '@folio/contract';

const context = useApiTestContext();
beforeEach(async () => {
  await context.db.reset();
  await createArticle(context.db.dataSource, { title: 'Reported page' });
});

const SUBMIT = `mutation ($input: SubmitReportInput!) { submitReport(input: $input) { receipt status createdAt } }`;
const key = () => randomUUID();
const reportInput = (overrides: Record<string, unknown> = {}) => ({
  articleSlug: 'reported-page',
  reason: 'SPAM',
  idempotencyKey: key(),
  ...overrides,
});
/** The reader site forwarding a reader's address, with the shared secret. */
const fromReader = (address: string) => ({
  [FORWARDED_ADDRESS_HEADER]: address,
  [FORWARDING_SECRET_HEADER]: TEST_FORWARDING_SECRET,
});
const reportCount = async () =>
  (await context.db.dataSource.query('SELECT count(*)::int AS n FROM reports'))[0].n;

describe('submitReport', () => {
  it('files a report and gives a receipt whose status anyone can look up', async () => {
    const { data, errors } = await context.api.query(SUBMIT, {
      input: reportInput({ reason: 'MISINFORMATION', details: 'Wrong date.' }),
    });
    expect(errors).toBeUndefined();
    expect(data!.submitReport).toEqual({
      receipt: expect.stringMatching(/^R-[0-9A-Z]{10}$/),
      status: 'OPEN',
      createdAt: expect.any(String),
    });

    const status = await context.api.query(
      'query ($r: String!) { reportStatus(receipt: $r) { receipt status createdAt updatedAt resolvedAt } }',
      {
        r: data!.submitReport.receipt,
      },
    );
    expect(status.data!.reportStatus).toMatchObject({
      receipt: data!.submitReport.receipt,
      status: 'OPEN',
      resolvedAt: null,
    });
    expect(
      (await context.api.query('{ reportStatus(receipt: "R-0000000000") { status } }')).data!
        .reportStatus,
    ).toBeNull();
    expect(
      (await context.api.query('{ reportStatus(receipt: "../../x") { status } }')).data!
        .reportStatus,
    ).toBeNull();
  });

  it('reports one section by its anchor, and refuses an anchor the page does not have', async () => {
    expect(
      (await context.api.query(SUBMIT, { input: reportInput({ sectionAnchor: 'section-2' }) }))
        .errors,
    ).toBeUndefined();
    const [row] = await context.db.dataSource.query(
      'SELECT section_anchor, section_id FROM reports',
    );
    expect(row.section_anchor).toBe('section-2');
    expect(row.section_id).not.toBeNull();

    const { errors } = await context.api.query(SUBMIT, {
      input: reportInput({ sectionAnchor: 'nowhere' }),
    });
    expect(errors![0]).toMatchObject({
      message: 'The article has no section "nowhere".',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses pages that are not published', async () => {
    await createArticle(context.db.dataSource, { title: 'Draft page' }, { publish: false });
    for (const articleSlug of ['draft-page', 'no-such-page']) {
      const { errors } = await context.api.query(SUBMIT, { input: reportInput({ articleSlug }) });
      expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    }
    expect(await reportCount()).toBe(0);
  });

  it.each([
    [{ reason: 'OTHER' }, /details are required when the reason is OTHER/],
    [{ reason: 'OTHER', details: '   ' }, /details are required/],
    [{ details: 'x'.repeat(2001) }, /details must be at most 2000 characters/],
    [{ details: 'x'.repeat(10_001) }, /details must be at most 2000 characters/],
    [{ contactEmail: 'not-an-email' }, /contactEmail must be an email address/],
    [{ idempotencyKey: 'short' }, /idempotencyKey must be 8 to 100/],
    [{ details: 'nul \u0000 byte' }, /must not contain NUL/],
    [{ details: 'lone \ud800 surrogate' }, /must not contain unpaired surrogates/],
  ])('refuses %j clearly and stores nothing', async (overrides, message) => {
    const { data, errors } = await context.api.query(SUBMIT, { input: reportInput(overrides) });
    expect(data ?? null).toBeNull();
    expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toMatch(message);
    expect(JSON.stringify(errors)).not.toContain('xxxxxxxxxx'); // the input is not echoed back
    expect(await reportCount()).toBe(0);
  });

  it('returns the same receipt for the same key, and refuses the key with another payload', async () => {
    const input = reportInput({ details: 'Same.' });
    const first = await context.api.query(SUBMIT, { input });
    const second = await context.api.query(SUBMIT, { input });
    expect(second.data!.submitReport).toEqual(first.data!.submitReport);
    const changed = await context.api.query(SUBMIT, { input: { ...input, reason: 'COPYRIGHT' } });
    expect(changed.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(await reportCount()).toBe(1);
  });

  it('files a new report in five statements, rate limit included, with or without a section', async () => {
    for (const input of [reportInput(), reportInput({ sectionAnchor: 'section-1' })]) {
      context.db.statements.reset();
      const { errors } = await context.api.query(SUBMIT, { input });
      expect(errors).toBeUndefined();
      // BEGIN, charge the rate limit and lock the page (finding the section and its moderation
      // state), insert and count the networks the threshold counts, the webhook outbox (one
      // statement), COMMIT.
      expect(context.db.statements.count).toBe(5);
    }
  });

  it('stores one row for 20 simultaneous submissions with one key', async () => {
    const input = reportInput();
    // From 20 readers: every attempt is charged to its sender, so one reader's 20 would be
    // rate limited after 5; the unique key alone must keep this to one row.
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        context.api.query(SUBMIT, { input }, fromReader(`198.51.100.${i + 1}`)),
      ),
    );
    const receipts = new Set(responses.map((r) => r.data?.submitReport?.receipt));
    expect(responses.every((r) => r.errors === undefined)).toBe(true);
    expect(receipts.size).toBe(1);
    expect(await reportCount()).toBe(1);
  });
});

describe('rate limit per reporter', () => {
  it('allows 5 reports in 10 minutes, then refuses the sixth with RATE_LIMITED', async () => {
    for (let i = 0; i < 5; i++) {
      expect(
        (await context.api.query(SUBMIT, { input: reportInput() }, fromReader('203.0.113.7')))
          .errors,
      ).toBeUndefined();
    }
    const sixth = await context.api.query(
      SUBMIT,
      { input: reportInput() },
      fromReader('203.0.113.7'),
    );
    expect(sixth.errors![0]!.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    expect(sixth.errors![0]!.message).toMatch(/at most 5 every 10 minutes/);
    expect(await reportCount()).toBe(5);
  });

  it('leaves other reporters unaffected', async () => {
    for (let i = 0; i < 6; i++)
      await context.api.query(SUBMIT, { input: reportInput() }, fromReader('203.0.113.7'));
    const other = await context.api.query(
      SUBMIT,
      { input: reportInput() },
      fromReader('198.51.100.20'),
    );
    expect(other.errors).toBeUndefined();
  });

  it('ignores a forwarded address without the shared secret: spoofing changes nothing', async () => {
    for (let i = 0; i < 5; i++) {
      const spoofed = {
        [FORWARDED_ADDRESS_HEADER]: `192.0.2.${i}`,
        [FORWARDING_SECRET_HEADER]: 'guessed-secret-0123456789',
      };
      expect(
        (await context.api.query(SUBMIT, { input: reportInput() }, spoofed)).errors,
      ).toBeUndefined();
    }
    const sixth = await context.api.query(
      SUBMIT,
      { input: reportInput() },
      { [FORWARDED_ADDRESS_HEADER]: '192.0.2.99' },
    );
    expect(sixth.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
  });

  it('counts 15 aliased submitReport calls in one request against the limit', async () => {
    const fields = Array.from(
      { length: 15 },
      (_, i) =>
        `r${i}: submitReport(input: { articleSlug: "reported-page", reason: SPAM, idempotencyKey: "alias-key-${i}" }) { receipt }`,
    ).join('\n');
    const { data, errors } = await context.api.query(
      `mutation { ${fields} }`,
      {},
      fromReader('203.0.113.50'),
    );
    // Mutations run in order: five are filed, the sixth is refused, and since the field is
    // non-null that error ends the operation; the rest never run.
    expect(data).toBeNull();
    expect(errors!.map((error) => [error.path![0], error.extensions!.code])).toEqual([
      ['r5', 'RATE_LIMITED'],
    ]);
    expect(await reportCount()).toBe(5);
  });

  it('charges replays: a burst of resubmissions of one report is rate limited', async () => {
    const input = reportInput();
    const reader = fromReader('203.0.113.60');
    for (let i = 0; i < 5; i++)
      expect((await context.api.query(SUBMIT, { input }, reader)).errors).toBeUndefined();
    const sixth = await context.api.query(SUBMIT, { input }, reader);
    expect(sixth.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    expect(await reportCount()).toBe(1);
  });

  it('charges refused attempts, and refuses an attempt over the limit in the charging statement', async () => {
    const reader = fromReader('203.0.113.61');
    for (let i = 0; i < 5; i++) {
      const refused = await context.api.query(
        SUBMIT,
        { input: reportInput({ articleSlug: 'no-such-page' }) },
        reader,
      );
      expect(refused.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    }
    context.db.statements.reset();
    const over = await context.api.query(SUBMIT, { input: reportInput() }, reader);
    expect(over.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    // BEGIN, the statement that charges the attempt (and would lock the page had it been
    // within its limit), COMMIT: no insert, no count, no outbox.
    expect(context.db.statements.count).toBe(3);
    expect(await reportCount()).toBe(0);
  });

  it('answers a client over its limit while the page is locked: it never waits for the lock', async () => {
    const reader = fromReader('203.0.113.62');
    for (let i = 0; i < 5; i++) await context.api.query(SUBMIT, { input: reportInput() }, reader);
    const holder = context.db.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query(`SELECT id FROM articles WHERE slug = 'reported-page' FOR UPDATE`);
      // Were the lock taken before the limiter, this request would wait for the holder (and
      // time out as a server error): it must be refused while the lock is still held.
      const over = await context.api.query(SUBMIT, { input: reportInput() }, reader);
      expect(over.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    expect(await reportCount()).toBe(5);
  });
});
