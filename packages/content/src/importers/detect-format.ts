import { detectTextFormat } from '../parse-file.js';

export type SourceFormat = 'wordpress' | 'ghost' | 'html' | 'markdown' | 'plain-text';

/**
 * Which importer reads a file, from its first few kilobytes (and the name only to tell
 * Markdown from plain text): a WordPress export is RSS declaring the wp: namespace, a Ghost
 * export is a JSON object, a saved page is HTML. Undefined for anything else (other XML,
 * binary files), which the importer refuses.
 */
export function detectFormat(fileName: string, head: string): SourceFormat | undefined {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.includes('\u0000')) return undefined;
  if (text.startsWith('{')) return 'ghost';
  if (text.startsWith('<')) {
    if (
      /<rss[\s>]/.test(text) &&
      /xmlns:wp\s*=\s*["']https?:\/\/wordpress\.org\/export\//.test(text)
    ) {
      return 'wordpress';
    }
    if (/<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]/i.test(text)) return 'html';
    return undefined;
  }
  return detectTextFormat(fileName, text);
}
