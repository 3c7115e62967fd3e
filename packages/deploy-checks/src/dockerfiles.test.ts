import { Copy, DockerfileParser, type Instruction } from 'dockerfile-ast';
import { validate, ValidationSeverity } from 'dockerfile-utils';
import path from 'node:path';
import { readRepoFile } from './repo-files';

const IMAGES = [
  { dockerfile: 'apps/api/Dockerfile', workspace: 'apps/api' },
  { dockerfile: 'apps/web/Dockerfile', workspace: 'apps/web' },
  { dockerfile: 'apps/studio/Dockerfile', workspace: 'apps/studio' },
];

const ciScript = readRepoFile('.ci/run');
const lockfile = JSON.parse(readRepoFile('package-lock.json')) as {
  packages: Record<string, { dev?: boolean }>;
};

/** Where the final stage copies from earlier stages' /repo: paths under /repo, without it. */
function copiedFromBuild(finalStage: Instruction[]): string[] {
  return finalStage
    .filter(
      (i): i is Copy => i instanceof Copy && i.getFlags().some((flag) => flag.getName() === 'from'),
    )
    .flatMap((i) => i.getArguments().map((arg) => arg.getValue()))
    .filter((arg) => arg.startsWith('/repo/'))
    .map((arg) => arg.slice('/repo/'.length).replace(/\/$/, ''));
}

describe.each(IMAGES)('$dockerfile', ({ dockerfile, workspace }) => {
  const source = readRepoFile(dockerfile);
  const parsed = DockerfileParser.parse(source);
  const instructions = parsed.getInstructions();
  const finalStage = instructions.slice(
    instructions.map((i) => i.getKeyword()).lastIndexOf('FROM'),
  );

  it('passes the Dockerfile linter with no error or warning', () => {
    const problems = validate(source).filter(
      (diagnostic) =>
        diagnostic.severity === ValidationSeverity.ERROR ||
        diagnostic.severity === ValidationSeverity.WARNING,
    );
    expect(problems.map((p) => `${p.range.start.line + 1}: ${p.message}`)).toEqual([]);
  });

  it('builds in stages and runs as a non-root user with a health check', () => {
    expect(parsed.getFROMs().length).toBeGreaterThanOrEqual(2);
    expect(finalStage.find((i) => i.getKeyword() === 'USER')?.getArgumentsContent()).toBe('node');
    expect(finalStage.some((i) => i.getKeyword() === 'HEALTHCHECK')).toBe(true);
  });

  it('starts node in exec form with the same command as the package start script', () => {
    const cmd = finalStage.find((i) => i.getKeyword() === 'CMD')!;
    const args = JSON.parse(cmd.getArgumentsContent()!);
    expect(Array.isArray(args)).toBe(true);
    const pkg = JSON.parse(readRepoFile(`${workspace}/package.json`));
    expect(args.join(' ')).toBe(pkg.scripts.start);
  });

  it('copies the production dependencies npm installs inside the workspace itself', () => {
    // npm nests a dependency under apps/<app>/node_modules when the root holds another version
    // (Studio's diff 8, the reader's lru-cache 11); the image must carry those too.
    const nested = Object.entries(lockfile.packages).some(
      ([location, entry]) => location.startsWith(`${workspace}/node_modules/`) && !entry.dev,
    );
    if (nested) expect(copiedFromBuild(finalStage)).toContain(`${workspace}/node_modules`);
  });

  const runs = instructions
    .filter((i) => i.getKeyword() === 'RUN')
    .map((i) => i.getArgumentsContent()!.trim());
  const rootPackage = JSON.parse(readRepoFile('package.json'));

  it('copies every workspace the app needs in production (and so its built files)', () => {
    // The lockfile names each workspace by folder; follow "dependencies" from the app.
    const folders = new Map(
      Object.entries(lockfile.packages as Record<string, { name?: string }>)
        .filter(([location, entry]) => location && !location.includes('node_modules') && entry.name)
        .map(([location, entry]) => [entry.name!, location]),
    );
    const needed = new Set<string>();
    const visit = (folder: string) => {
      const { dependencies = {} } = JSON.parse(readRepoFile(`${folder}/package.json`));
      for (const name of Object.keys(dependencies)) {
        const dependency = folders.get(name);
        if (dependency && !needed.has(dependency)) {
          needed.add(dependency);
          visit(dependency);
        }
      }
    };
    visit(workspace);
    const copied = copiedFromBuild(finalStage);
    for (const folder of needed) {
      const { main, exports } = JSON.parse(readRepoFile(`${folder}/package.json`));
      expect({
        folder,
        manifest: copied.some((c) => c === folder || c === `${folder}/package.json`),
      }).toEqual({ folder, manifest: true });
      // A package that ships a build must have it copied too (dist/ by this repo's convention).
      if (JSON.stringify({ main, exports }).includes('./dist/'))
        expect({
          folder,
          dist: copied.some((c) => c === folder || c === `${folder}/dist`),
        }).toEqual({ folder, dist: true });
    }
  });

  it('installs and builds with the commands CI runs', () => {
    const installAndBuild = runs.filter(
      (run) => run === 'npm ci --no-audit --no-fund' || run === 'npm run build',
    );
    expect(installAndBuild).toEqual(['npm ci --no-audit --no-fund', 'npm run build']);
    for (const run of installAndBuild)
      expect({ run, inCi: ciScript.includes(run) }).toEqual({ run, inCi: true });
  });

  it('needs nothing from Docker Hub but its base images (no "# syntax" frontend line)', () => {
    expect(source.split('\n')[0]).not.toMatch(/^#\s*syntax\s*=/i);
    expect(parsed.getDirectives()).toEqual([]);
  });

  it("installs with the project's npm, so allowScripts holds inside the image", () => {
    // package.json "packageManager": "npm@11.19.1"; the npm a Node image bundles is older.
    const npm = rootPackage.packageManager.replace(/^npm@/, '');
    expect(runs[0]).toBe(`npm install --global --no-audit --no-fund npm@${npm}`);
    expect(instructions[1]!.getKeyword()).toBe('RUN');
    expect(parsed.getFROMs()[0]!.getImage()).toMatch(/^node:24-bookworm-slim$/);
  });

  it("prunes to its own workspace with the repository's turbo", () => {
    const name = JSON.parse(readRepoFile(`${workspace}/package.json`)).name;
    expect(runs).toContain(
      `npm install --global --no-audit --no-fund turbo@${rootPackage.devDependencies.turbo}`,
    );
    expect(runs).toContain('turbo prune @folio/api @folio/web @folio/studio --docker');
    expect(
      runs.some((run) => run.startsWith(`node /tmp/keep-production-workspaces.mjs ${name} `)),
    ).toBe(true);
  });

  it('gives the runtime the libraries of native addons too, not only those node links against', () => {
    // The API's argon2 binding links librt, which node does not: without it the API cannot start.
    const rootfs = runs.find((run) => run.includes('ldd /rootfs/usr/local/bin/node'))!;
    expect(rootfs).toContain("find /deps -type f -name '*.node' -exec ldd {}");
    expect(
      instructions.some(
        (i) =>
          i.getKeyword() === 'COPY' &&
          /^(--from=deps )?\/repo\/node_modules \/deps\/node_modules$/.test(
            i.getArgumentsContent()!,
          ),
      ),
    ).toBe(true);
  });

  it('runs only node in the final stage, from scratch, with no package manager copied in', () => {
    expect(parsed.getFROMs().at(-1)!.getImage()).toBe('scratch');
    const copies = finalStage
      .filter((i) => i.getKeyword() === 'COPY')
      .map((i) => i.getArgumentsContent()!);
    expect(copies.some((args) => /node_modules\/npm|corepack|yarn/.test(args))).toBe(false);
    // Nothing from the build stage's node_modules (which holds the test tools and the compilers).
    expect(
      finalStage
        .filter((i): i is Copy => i instanceof Copy)
        .filter((i) => i.getFlags().some((f) => f.getValue() === 'build'))
        .some((i) => i.getArguments().some((a) => a.getValue().includes('node_modules'))),
    ).toBe(false);
  });
});

describe('the three Dockerfiles', () => {
  it('share their install-and-build stages word for word, so BuildKit runs them once for all', () => {
    const shared = (file: string) =>
      DockerfileParser.parse(readRepoFile(file))
        .getInstructions()
        .map((i) => `${i.getKeyword()} ${i.getArgumentsContent()}`)
        .filter((_, index, all) => index < all.findIndex((line) => line === 'FROM base AS deps'));
    const api = shared('apps/api/Dockerfile');
    expect(api.length).toBeGreaterThan(5);
    expect(shared('apps/web/Dockerfile')).toEqual(api);
    expect(shared('apps/studio/Dockerfile')).toEqual(api);
  });

  it('prune every app workspace in the repository, so none is missing from the shared build', () => {
    const apps = Object.entries(lockfile.packages as Record<string, { name?: string }>)
      .filter(([location, entry]) => location.startsWith('apps/') && entry.name)
      .filter(([location]) => !location.includes('node_modules'))
      .map(([, entry]) => entry.name!)
      .sort();
    const prune = DockerfileParser.parse(readRepoFile('apps/api/Dockerfile'))
      .getInstructions()
      .find((i) => i.getKeyword() === 'RUN' && i.getArgumentsContent()!.startsWith('turbo prune'))!
      .getArgumentsContent()!
      .split(/\s+/)
      .filter((word) => word.startsWith('@folio/'))
      .sort();
    expect(prune).toEqual(apps);
  });
});

describe.each(['apps/web', 'apps/studio'])('%s/Dockerfile runtime files', (app) => {
  it('copies the file `npm start` runs', () => {
    const instructions = DockerfileParser.parse(
      readRepoFile(`${app}/Dockerfile`),
    ).getInstructions();
    const finalStage = instructions.slice(
      instructions.map((i) => i.getKeyword()).lastIndexOf('FROM'),
    );
    const copied = copiedFromBuild(finalStage);
    // Each server is one bundle (esbuild, dist/server.js), importing only packages and its
    // Remix build.
    const start = JSON.parse(readRepoFile(`${app}/package.json`)).scripts.start as string;
    const entry = path.posix.join(app, start.split(' ').at(-1)!);
    const missing = [entry].filter(
      (file) => !copied.some((source) => file === source || file.startsWith(`${source}/`)),
    );
    expect(missing).toEqual([]);
  });
});
