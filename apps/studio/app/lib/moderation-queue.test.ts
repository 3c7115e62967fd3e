import { groupReports, type QueueReport } from './moderation-queue';

const page = (id: string) => ({
  id,
  slug: `page-${id}`,
  title: `Page ${id}`,
  moderationState: 'VISIBLE',
});
let n = 0;
const report = (
  article: string,
  createdAt: string,
  sectionAnchor: string | null = null,
  contactEmail: string | null = null,
): QueueReport => ({
  id: String((n += 1)),
  reason: 'SPAM',
  details: '',
  contactEmail,
  sectionAnchor,
  createdAt,
  status: 'OPEN',
  article: page(article),
});

describe('groupReports', () => {
  const reports = [
    report('a', '2026-01-03T00:00:00Z', 'tides'),
    report('b', '2026-01-02T00:00:00Z', null, 'x@example.org'),
    report('b', '2026-01-01T00:00:00Z', 'moon'),
    report('b', '2026-01-01T00:00:00Z', 'moon'),
  ];

  it('groups by page and section, with counts and contacts', () => {
    const [first, second] = groupReports(reports, 'most');
    expect(first!.article.id).toBe('b');
    expect(first!.reportCount).toBe(3);
    expect(first!.contactCount).toBe(1);
    expect(first!.sections.map((s) => [s.anchor, s.reports.length])).toEqual([
      [null, 1],
      ['moon', 2],
    ]);
    expect(second!.article.id).toBe('a');
  });

  it('puts the page with the newest report first when asked', () => {
    expect(groupReports(reports, 'newest').map((g) => g.article.id)).toEqual(['a', 'b']);
  });
});
