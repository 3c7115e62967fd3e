import { Copy, DockerfileParser, type Instruction } from 'dockerfile-ast';
import { validate, ValidationSeverity } from 'dockerfile-utils';
import path from 'node:path';
import { readRepoFile } from './repo-files';

const IMAGES = [
  { dockerfile: 'apps/api/Dockerfile', workspace: 'apps/api' },
  { dockerfile: 'apps/web/Dockerfile', workspace: 'apps/web' },
];

const ciScript = readRepoFile('.ci/run');
const lockfile = JSON.parse(readRepoFile('package-lock.json')) as {
  packages: Record<string, { dev?: boolean }>;
};

/** Where the final stage copies from the build stage: paths under /repo, without it. */
function copiedFromBuild(finalStage: Instruction[]): string[] {
  return finalStage
    .filter(
      (i): i is Copy =>
        i instanceof Copy &&
        i.getFlags().some((flag) => flag.getName() === 'from' && flag.getValue() === 'build'),
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
    // (the reader's express 4 beside the API's express 5); the image must carry those too.
    const nested = Object.entries(lockfile.packages).some(
      ([location, entry]) => location.startsWith(`${workspace}/node_modules/`) && !entry.dev,
    );
    if (nested) expect(copiedFromBuild(finalStage)).toContain(`${workspace}/node_modules`);
  });

  it('installs and builds with the commands CI runs', () => {
    const runs = instructions
      .filter((i) => i.getKeyword() === 'RUN')
      .map((i) => i.getArgumentsContent()!.trim());
    const installAndBuild = runs.filter((run) => !run.startsWith('npm prune'));
    expect(installAndBuild.length).toBeGreaterThan(0);
    for (const run of installAndBuild)
      expect({ run, inCi: ciScript.includes(run) }).toEqual({ run, inCi: true });
  });
});

describe('apps/web/Dockerfile runtime files', () => {
  it('copies every file the reader server loads', () => {
    const instructions = DockerfileParser.parse(
      readRepoFile('apps/web/Dockerfile'),
    ).getInstructions();
    const finalStage = instructions.slice(
      instructions.map((i) => i.getKeyword()).lastIndexOf('FROM'),
    );
    const copied = copiedFromBuild(finalStage);
    // The server is one bundle (esbuild, dist/server.js): the file `npm start` runs.
    const start = JSON.parse(readRepoFile('apps/web/package.json')).scripts.start as string;
    const entry = path.posix.join('apps/web', start.split(' ').at(-1)!);
    const missing = [entry].filter(
      (file) => !copied.some((source) => file === source || file.startsWith(`${source}/`)),
    );
    expect(missing).toEqual([]);
  });
});
