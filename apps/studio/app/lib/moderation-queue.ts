// The moderation queue: open reports grouped by page, and within a page by section, with
// counts, in the order a moderator chose (newest report first, or most reported first).

export interface QueueReport {
  id: string;
  reason: string;
  details: string;
  contactEmail: string | null;
  sectionAnchor: string | null;
  createdAt: string;
  status: string;
  article: { id: string; slug: string; title: string; moderationState: string };
}

export interface QueueSection {
  anchor: string | null;
  reports: QueueReport[];
}

export interface QueueGroup {
  article: QueueReport['article'];
  reportCount: number;
  latestReportAt: string;
  contactCount: number;
  sections: QueueSection[];
  reasons: string[];
}

export type QueueOrder = 'newest' | 'most';

export function groupReports(reports: readonly QueueReport[], order: QueueOrder): QueueGroup[] {
  const byArticle = new Map<string, QueueGroup>();
  for (const report of reports) {
    let group = byArticle.get(report.article.id);
    if (!group) {
      group = {
        article: report.article,
        reportCount: 0,
        latestReportAt: report.createdAt,
        contactCount: 0,
        sections: [],
        reasons: [],
      };
      byArticle.set(report.article.id, group);
    }
    group.reportCount += 1;
    if (report.contactEmail) group.contactCount += 1;
    if (report.createdAt > group.latestReportAt) group.latestReportAt = report.createdAt;
    group.reasons.push(report.reason);
    let section = group.sections.find((s) => s.anchor === report.sectionAnchor);
    if (!section) {
      section = { anchor: report.sectionAnchor, reports: [] };
      group.sections.push(section);
    }
    section.reports.push(report);
  }
  const groups = [...byArticle.values()];
  for (const group of groups) {
    // The whole page first, then sections by how often they were reported.
    group.sections.sort(
      (a, b) =>
        Number(a.anchor !== null) - Number(b.anchor !== null) ||
        b.reports.length - a.reports.length,
    );
  }
  return groups.sort((a, b) =>
    order === 'most'
      ? b.reportCount - a.reportCount || b.latestReportAt.localeCompare(a.latestReportAt)
      : b.latestReportAt.localeCompare(a.latestReportAt),
  );
}
