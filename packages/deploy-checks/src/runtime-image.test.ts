import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Copy, type Instruction } from 'dockerfile-ast';
import { finalStage, finalStageEnv } from './dockerfile-stages';
import { repoRoot } from './repo-files';

// Without a Docker engine, the reader's and Studio's final stages are assembled by hand from their own
// COPY instructions (files copied, directories linked) and started with its own CMD. Node runs
// with --preserve-symlinks so modules resolve inside that layout, as in the image: a missing
// COPY (a nested node_modules, a server module) fails here as it would in the container.
// The base file system (the rootfs stage: Node and its libraries) is the host's own here; the
// real image is built and run by npm run compose:check.

/** Lays out what the final stage copies from the build stage under `root` (the image's /). */
function assemble(root: string, stage: Instruction[]): string {
  let workdir = '/';
  for (const instruction of stage) {
    if (instruction.getKeyword() === 'WORKDIR') {
      workdir = path.posix.resolve(workdir, instruction.getArgumentsContent()!);
      mkdirSync(path.join(root, workdir), { recursive: true });
    }
    if (!(instruction instanceof Copy)) continue;
    const args = instruction.getArguments().map((arg) => arg.getValue());
    if (args[0]!.startsWith('/rootfs')) continue; // Node and its libraries: the host's here
    const destination = path.posix.resolve(workdir, args.at(-1)!);
    const intoDirectory = args.at(-1)!.endsWith('/') || args.length > 2;
    for (const source of args.slice(0, -1)) {
      const real = path.join(repoRoot, source.replace(/^\/repo\//, ''));
      const target = path.join(
        root,
        intoDirectory ? path.posix.join(destination, path.basename(real)) : destination,
      );
      mkdirSync(path.dirname(target), { recursive: true });
      if (statSync(real).isDirectory()) symlinkSync(real, target, 'dir');
      else cpSync(real, target);
    }
  }
  return path.join(root, workdir);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const SECRET = '9c4e1f7a2b8d3c6e5f0a1b2c3d4e5f6a7b8c9d0e';
const IMAGES = [
  {
    dockerfile: 'apps/web/Dockerfile',
    app: 'apps/web',
    env: { FORWARDED_ADDRESS_SECRET: SECRET },
    // Nothing listens at the API address: pages must answer with the reader's own 503 page.
    page: { path: '/', status: 503, contains: '<html' },
  },
  {
    dockerfile: 'apps/studio/Dockerfile',
    app: 'apps/studio',
    env: { FORWARDED_ADDRESS_SECRET: SECRET, SESSION_SECRET: `${SECRET}-studio-sessions` },
    // The sign-in page needs no API call: it renders from what the image copied.
    page: { path: '/sign-in', status: 200, contains: 'Sign in to Folio Studio' },
  },
].filter(({ app }) => existsSync(path.join(repoRoot, app, 'build/server/index.js')));

describe.each(IMAGES)('$dockerfile final stage', ({ dockerfile, env, page: expected }) => {
  let root: string;
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGKILL');
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('starts with its CMD and ENV and serves pages from what it copied', async () => {
    root = mkdtempSync(path.join(tmpdir(), 'folio-image-'));
    const workdir = assemble(root, finalStage(dockerfile));
    const cmd = finalStage(dockerfile).find((i) => i.getKeyword() === 'CMD')!;
    const [command, ...args] = JSON.parse(cmd.getArgumentsContent()!) as string[];
    expect(command).toBe('node');
    const port = await freePort();
    let stderr = '';
    server = spawn(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', ...args], {
      cwd: workdir,
      env: {
        PATH: process.env.PATH,
        // the image's own ENV: a Node flag in NODE_OPTIONS that this Node refused would stop it
        ...finalStageEnv(dockerfile),
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'error',
        FOLIO_API_URL: 'http://127.0.0.1:9/graphql',
        // Production refuses to start without real secrets.
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    server.stderr!.on('data', (chunk) => (stderr += chunk));
    let live: Response | null = null;
    for (let attempt = 0; attempt < 100 && !live && server.exitCode === null; attempt++) {
      live = await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => null);
      if (!live) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect({ exitCode: server.exitCode, stderr: stderr.slice(0, 2000) }).toEqual({
      exitCode: null,
      stderr: '',
    });
    expect(live?.status).toBe(200);
    const page = await fetch(`http://127.0.0.1:${port}${expected.path}`);
    expect(page.status).toBe(expected.status);
    expect(await page.text()).toContain(expected.contains);
  }, 30_000);
});
