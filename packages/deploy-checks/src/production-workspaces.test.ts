import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './repo-files';

// deploy/docker/keep-production-workspaces.mjs, run as the images' deps stage runs it: over the
// manifests and the lockfile (what turbo prune --docker leaves in out/json), then npm installs
// what is left with --omit=dev.

const SCRIPT = path.join(repoRoot, 'deploy/docker/keep-production-workspaces.mjs');
const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { name?: string }>;
};
const workspaceFolders = Object.entries(lock.packages)
  .filter(([location, entry]) => location && !location.includes('node_modules') && entry.name)
  .map(([location]) => location);

function keep(workspace: string): { kept: string[]; manifests: Record<string, any>[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'folio-prod-workspaces-'));
  try {
    for (const file of ['package.json', 'package-lock.json'])
      cpSync(path.join(repoRoot, file), path.join(dir, file));
    for (const folder of workspaceFolders)
      cpSync(path.join(repoRoot, folder, 'package.json'), path.join(dir, folder, 'package.json'));
    execFileSync(process.execPath, [SCRIPT, workspace], { cwd: dir, stdio: 'pipe' });
    const kept = workspaceFolders.filter((folder) => existsSync(path.join(dir, folder)));
    const manifests = ['.', ...kept].map((folder) =>
      JSON.parse(readFileSync(path.join(dir, folder, 'package.json'), 'utf8')),
    );
    return { kept, manifests };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('keep-production-workspaces.mjs', () => {
  it('keeps the reader and the workspaces it runs with, not the API its tests start', () => {
    const { kept } = keep('@folio/web');
    expect(kept).toContain('apps/web');
    expect(kept).toContain('packages/schema');
    expect(kept).toContain('packages/ui');
    expect(kept).not.toContain('apps/api');
    expect(kept).not.toContain('packages/jest-config');
    expect(kept).not.toContain('packages/deploy-checks');
  });

  it('keeps the API with the content model, and no test tooling', () => {
    const { kept } = keep('@folio/api');
    expect(kept).toContain('apps/api');
    expect(kept).toContain('packages/content');
    expect(kept).not.toContain('apps/web');
    expect(kept).not.toContain('packages/jest-config');
  });

  it('keeps Studio with the content model, the shared rendering and server plumbing, not the reader or the API', () => {
    const { kept } = keep('@folio/studio');
    expect(kept).toEqual(
      expect.arrayContaining([
        'apps/studio',
        'packages/ui',
        'packages/content',
        'packages/contract',
        'packages/server-kit',
      ]),
    );
    expect(kept).not.toContain('apps/web');
    expect(kept).not.toContain('apps/api');
    expect(kept).not.toContain('packages/jest-config');
  });

  it('drops every devDependencies list, so npm install --omit=dev cannot reach for them', () => {
    for (const { manifests } of [keep('@folio/web'), keep('@folio/api'), keep('@folio/studio')])
      expect(manifests.filter((manifest) => manifest.devDependencies)).toEqual([]);
  });

  it('refuses a workspace that does not exist', () => {
    expect(() => keep('@folio/nothing')).toThrow(/no workspace named @folio\/nothing/);
  });
});
