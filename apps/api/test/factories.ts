import {
  paragraph,
  prepareArticle,
  type ArticleDraft,
  type Block,
  type SectionDraft,
} from '@folio/content';
import type { DataSource } from 'typeorm';
import { ContentImportService } from '../src/modules/content-import/content-import.service.js';
import type { ReportPolicy } from '../src/modules/reports/report.service.js';

let sequence = 0;

/** Plain article data; every call gives a distinct title unless one is passed. */
export function buildArticleDraft(overrides: Partial<ArticleDraft> = {}): ArticleDraft {
  sequence += 1;
  return {
    title: `Article number ${sequence}`,
    summary: `Summary of article ${sequence}.`,
    label: 'Blog Article',
    author: 'Test Author',
    tags: ['testing'],
    publishedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, sequence)),
    sections: buildSections(3),
    ...overrides,
  };
}

export function buildSections(
  count: number,
  blocks: (index: number) => Block[] = (i) => [paragraph(`Body of section ${i + 1}.`)],
): SectionDraft[] {
  return Array.from({ length: count }, (_, index) => ({
    heading: `Section ${index + 1}`,
    blocks: blocks(index),
  }));
}

/** Stores an article through the same path as the importer; published unless `publish: false`. */
export async function createArticle(
  dataSource: DataSource,
  overrides: Partial<ArticleDraft> = {},
  { publish = true }: { publish?: boolean } = {},
) {
  const prepared = prepareArticle(buildArticleDraft(overrides));
  await new ContentImportService(dataSource).importArticle(prepared, { publish });
  return prepared;
}

/** The report policy of a default deployment (env.ts's defaults), as plain data. */
export function buildReportPolicy(overrides: Partial<ReportPolicy> = {}): ReportPolicy {
  return {
    rateLimit: 5,
    rateWindowSeconds: 600,
    threshold: 3,
    windowSeconds: 86_400,
    burstSeconds: 600,
    reportersPerNetworkMax: 2,
    autoHidesPerHour: 10,
    ...overrides,
  };
}
