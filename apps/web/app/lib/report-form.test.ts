import { parseReportForm } from './report-form';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};
const valid = {
  reason: 'SPAM',
  details: '',
  contactEmail: '',
  section: '',
  idempotencyKey: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
};

describe('parseReportForm', () => {
  it('accepts a complete report', () => {
    const parsed = parseReportForm(
      form({ ...valid, section: 'tides', contactEmail: ' me@example.org ' }),
    );
    expect(parsed).toMatchObject({
      ok: true,
      data: { reason: 'SPAM', section: 'tides', contactEmail: 'me@example.org' },
    });
  });

  it('says what to fix per field and keeps what the reader typed', () => {
    const parsed = parseReportForm(
      form({ ...valid, reason: 'BORED', details: 'x'.repeat(10_001), contactEmail: 'nope' }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      reason: 'Choose the reason that fits best.',
      details: 'Keep the details to 2000 characters or fewer.',
      contactEmail: 'Enter an email address like name@example.com, or leave it empty.',
    });
    // Echoed back, but no more than the form's own field takes.
    expect(parsed.values.details).toBe('x'.repeat(2000));
    expect(parsed.values.contactEmail).toBe('nope');
    expect(parsed.values.reason).toBe('');
  });

  it('bounds every echoed field, whatever a client sends', () => {
    const parsed = parseReportForm(
      form({
        ...valid,
        reason: 'R'.repeat(100_000),
        details: `${'y'.repeat(1999)}😀${'z'.repeat(50_000)}`,
        contactEmail: `${'e'.repeat(100_000)}@example.org`,
        section: 's'.repeat(100_000),
      }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.values.reason).toBe('');
    // 1,999 + half an emoji: the half is dropped rather than echoed as a broken character.
    expect(parsed.values.details).toBe('y'.repeat(1999));
    expect(parsed.values.contactEmail).toHaveLength(254);
    expect(parsed.values.section).toHaveLength(200);
  });

  it('needs details for "Something else"', () => {
    const parsed = parseReportForm(form({ ...valid, reason: 'OTHER', details: '   ' }));
    expect(parsed).toMatchObject({
      ok: false,
      errors: { details: 'Tell us what is wrong when you choose "Something else".' },
    });
  });

  it('flags a missing or forged idempotency key so the form can be sent again', () => {
    for (const idempotencyKey of ['', 'x', '<script>', 'a'.repeat(101)]) {
      const parsed = parseReportForm(form({ ...valid, idempotencyKey }));
      expect(parsed).toMatchObject({
        ok: false,
        keyRejected: true,
        errors: { form: expect.stringMatching(/form had expired/) },
      });
    }
  });
});
