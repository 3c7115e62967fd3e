import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ErrorCode } from './index.js';

// Every rule the apps share is written once, in this package. This reads the source tree (the
// apps, packages, scripts, the bench: .mjs files no linter covers) and fails on a second copy.
// Tests are exempt: they spell the wire out on purpose, so a change to it shows up there.
// A rule that is process plumbing rather than wire (the production-secret rule) names its one
// home instead, in @folio/server-kit.

const root = path.resolve(__dirname, '../../..');
const quoted = (text: string) => new RegExp(`['"\`]${text}['"\`]`);

const SECRET_RULE_HOME = path.join('packages', 'server-kit', 'src', 'production-secrets.ts');

const RULES: Array<{ rule: string; pattern: RegExp; home?: string }> = [
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
  {
    rule: 'a secret placeholder word',
    pattern: quoted(
      '(change-me|changeme|replace-me|replaceme|development-only|your-secret|secret-here)',
    ),
    home: SECRET_RULE_HOME,
  },
  {
    rule: 'MIN_PRODUCTION_SECRET_LENGTH',
    pattern: /MIN_PRODUCTION_SECRET_LENGTH\s*=/,
    home: SECRET_RULE_HOME,
  },
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

it('finds each shared rule only in its one home (@folio/contract, or the one it names)', () => {
  const files = ['apps', 'packages', 'scripts'].flatMap((top) => sourceFiles(path.join(root, top)));
  expect(files.length).toBeGreaterThan(50);
  const copies: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        for (const { rule, pattern, home } of RULES) {
          if (home && path.relative(root, file) === home) continue;
          if (pattern.test(line))
            copies.push(
              `${path.relative(root, file)}:${index + 1} repeats ${rule}: ${line.trim()}`,
            );
        }
      });
  }
  expect(copies).toEqual([]);
});
