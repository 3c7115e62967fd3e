import { parse as parseYaml } from 'yaml';
import { ContentParseError } from './content-error.js';

export interface FrontMatter {
  title?: string;
  slug?: string;
  summary?: string;
  label?: string;
  author?: string;
  tags: string[];
  publishedAt?: Date;
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits a leading YAML block (between `---` lines) from the Markdown body. */
export function splitFrontMatter(source: string): { data: FrontMatter; body: string } {
  const match = FENCE.exec(source);
  if (!match) return { data: { tags: [] }, body: source };
  let raw: unknown;
  try {
    raw = parseYaml(match[1]!);
  } catch (error) {
    throw new ContentParseError(`front matter is not valid YAML: ${(error as Error).message}`);
  }
  return { data: readFrontMatter(raw ?? {}), body: source.slice(match[0].length) };
}

function readFrontMatter(raw: unknown): FrontMatter {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ContentParseError('front matter must be a YAML mapping (key: value lines)');
  }
  const record = raw as Record<string, unknown>;
  const text = (key: string): string | undefined => {
    const value = record[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new ContentParseError(`front matter "${key}" must be text`);
    }
    return String(value).trim() || undefined;
  };
  const tagsValue = record.tags;
  let tags: string[] = [];
  if (Array.isArray(tagsValue)) tags = tagsValue.map(String);
  else if (typeof tagsValue === 'string') tags = tagsValue.split(',');
  else if (tagsValue !== undefined && tagsValue !== null) {
    throw new ContentParseError('front matter "tags" must be a list or comma-separated text');
  }
  const published = record.publishedAt ?? record.date;
  let publishedAt: Date | undefined;
  if (published !== undefined && published !== null) {
    publishedAt = published instanceof Date ? published : new Date(String(published));
    if (Number.isNaN(publishedAt.getTime())) {
      throw new ContentParseError(`front matter "publishedAt" is not a date: ${String(published)}`);
    }
  }
  return {
    title: text('title'),
    slug: text('slug'),
    summary: text('summary'),
    label: text('label'),
    author: text('author'),
    tags: tags.map((tag) => tag.trim()).filter(Boolean),
    publishedAt,
  };
}
