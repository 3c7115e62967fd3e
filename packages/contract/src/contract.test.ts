import {
  ARTICLE_SLUG_MAX_LENGTH,
  formatContentVersionEvent,
  IDEMPOTENCY_KEY_PATTERN,
  isArticleSlug,
  parseContentChangeAck,
  parseContentVersionEvent,
  REQUEST_ID_PATTERN,
} from './index.js';

describe('article slugs', () => {
  it('accepts what slugify makes, up to the column length', () => {
    for (const slug of ['tides', 'a-field-guide-to-urban-foxes', '2026-review', 'x'.repeat(200)])
      expect(isArticleSlug(slug)).toBe(true);
  });

  it('refuses path tricks, upper case, NUL bytes and anything longer than the column', () => {
    const refused = ['', '-lead', '../etc/passwd', 'a%00b', 'a\u0000b', 'UPPER', 'tides\n'];
    for (const slug of [...refused, 'x'.repeat(ARTICLE_SLUG_MAX_LENGTH + 1), undefined, 7])
      expect(isArticleSlug(slug)).toBe(false);
  });
});

describe('idempotency keys and request ids', () => {
  it('take a UUID and refuse markup or the wrong length', () => {
    expect(IDEMPOTENCY_KEY_PATTERN.test('a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d')).toBe(true);
    for (const key of ['', 'short', '<script>', 'k'.repeat(101)])
      expect(IDEMPOTENCY_KEY_PATTERN.test(key)).toBe(false);
    expect(REQUEST_ID_PATTERN.test('req-1.2_3')).toBe(true);
    expect(REQUEST_ID_PATTERN.test('a b')).toBe(false);
  });
});

describe('content-change events', () => {
  const event = { instance: 'api-1', version: 3, trusted: true, subscriber: 'sub-1' };

  it('reads back what the API writes, as one server-sent event named "version"', () => {
    const frame = formatContentVersionEvent(event);
    expect(frame).toMatch(/^event: version\ndata: .*\n\n$/);
    const data = /^data: (.*)$/m.exec(frame)![1]!;
    expect(parseContentVersionEvent(data)).toEqual(event);
  });

  it('refuses an event of another shape instead of reading undefined fields', () => {
    expect(() => parseContentVersionEvent('{"version":3}')).toThrow();
    expect(() => parseContentVersionEvent(JSON.stringify({ ...event, trusted: 'yes' }))).toThrow();
    expect(() => parseContentVersionEvent('not json')).toThrow(SyntaxError);
  });

  it('reads an acknowledgement, and nothing else', () => {
    expect(parseContentChangeAck({ subscriber: 'sub-1', version: 3, extra: 1 })).toEqual({
      subscriber: 'sub-1',
      version: 3,
    });
    for (const body of [
      undefined,
      null,
      {},
      { subscriber: 'sub-1' },
      { subscriber: 1, version: 2 },
    ])
      expect(parseContentChangeAck(body)).toBeNull();
    expect(parseContentChangeAck({ subscriber: 'sub-1', version: 2.5 })).toBeNull();
  });
});
