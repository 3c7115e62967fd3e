import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ErrorCode } from './index.js';

// Every rule the apps share is written once, in this package. This reads the source tree (the
// apps, packages, scripts, the bench: .mjs files no linter covers) and fails on a second copy.
// Tests are exempt: they spell the wire out on purpose, so a change to it shows up there.

const root = path.resolve(__dirname, '../../..');
const quoted = (text: string) => new RegExp(`['"\`]${text}['"\`]`);

const RULES: Array<{ rule: string; pattern: RegExp }> = [
  {
    rule: 'a forwarding header name',
    pattern: quoted('x-folio-(reader-address|forwarding-secret)'),
  },
  { rule: 'the request id header', pattern: quoted('x-request-id') },
  { rule: 'the request id pattern', pattern: /\[\\w\.-\]\{1,100\}/ },
  { rule: 'the slug pattern', pattern: /\[a-z0-9\]\[a-z0-9-\]/ },
  { rule: 'the idempotency key pattern', pattern: /\[A-Za-z0-9_-\]\{8,100\}/ },
  { rule: 'DETAILS_MAX_LENGTH', pattern: /DETAILS_MAX_LENGTH\s*=/ },
  { rule: 'an error code', pattern: quoted(`(${Object.values(ErrorCode).join('|')})`) },
  { rule: 'a content-change path', pattern: quoted('/content-changes(/ack)?') },
];

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'generated', 'test']);
const CODE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const TEST = /\.test\.tsx?$/;
const CONTRACT = path.join(root, 'packages', 'contract', 'src');

function sourceFiles(dir: string): string[] {
  if (dir === CONTRACT) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(full);
    return CODE.test(entry.name) && !TEST.test(entry.name) ? [full] : [];
  });
}

it('finds each shared rule only in @folio/contract', () => {
  const files = ['apps', 'packages', 'scripts'].flatMap((top) => sourceFiles(path.join(root, top)));
  expect(files.length).toBeGreaterThan(50);
  const copies: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        for (const { rule, pattern } of RULES) {
          if (pattern.test(line))
            copies.push(
              `${path.relative(root, file)}:${index + 1} repeats ${rule}: ${line.trim()}`,
            );
        }
      });
  }
  expect(copies).toEqual([]);
});
