import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { finalStage, finalStageEnv } from './dockerfile-stages';
import { readRepoFile, repoRoot } from './repo-files';

// scripts/server-runtime.json says how every server process starts (malloc arenas, Node flags);
// npm start and the bench apply it through scripts/server-runtime.mjs, the images through ENV.
// Why: README "Benchmark", "Round three: memory".
const runtime = JSON.parse(readRepoFile('scripts/server-runtime.json')) as {
  env: Record<string, string>;
  nodeOptions: string[];
  nodeArgs: Record<string, string[]>;
};
const DOCKERFILES = ['apps/api/Dockerfile', 'apps/web/Dockerfile', 'apps/studio/Dockerfile'];

/** serverRuntimeEnv(base) from the launcher's module, run by the Node running the tests. */
function serverRuntimeEnv(base: Record<string, string>): Record<string, string> {
  const module = path.join(repoRoot, 'scripts/server-runtime.mjs');
  const out = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { serverRuntimeEnv } = await import(${JSON.stringify(module)});
       process.stdout.write(JSON.stringify(serverRuntimeEnv(${JSON.stringify(base)})));`,
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out);
}

describe.each(DOCKERFILES)('%s', (dockerfile) => {
  it("runs the server with the launcher's runtime settings (scripts/server-runtime.json)", () => {
    const env = finalStageEnv(dockerfile);
    for (const [name, value] of Object.entries(runtime.env)) expect(env[name]).toBe(value);
    expect(env.NODE_OPTIONS).toBe(runtime.nodeOptions.join(' '));
    // V8's own flags, which NODE_OPTIONS refuses, on node's command line before the script
    const cmd = finalStage(dockerfile).find((i) => i.getKeyword() === 'CMD')!;
    const [command, ...args] = JSON.parse(cmd.getArgumentsContent()!) as string[];
    expect(command).toBe('node');
    const app = dockerfile.split('/')[1]!;
    expect(args.slice(0, -1)).toEqual(runtime.nodeArgs[app]);
  });
});

describe('scripts/server-runtime.mjs (what npm start and the bench apply)', () => {
  it('adds the runtime settings to a bare environment', () => {
    expect(serverRuntimeEnv({})).toEqual({
      ...runtime.env,
      NODE_OPTIONS: runtime.nodeOptions.join(' '),
    });
  });

  it("leaves an operator's own values the last word", () => {
    const names = Object.keys(runtime.env);
    const own = Object.fromEntries(names.map((name) => [name, 'operator']));
    const env = serverRuntimeEnv({ ...own, NODE_OPTIONS: '--max-semi-space-size=64' });
    // variables already set are not overridden; Node takes the last of repeated flags
    for (const name of names) expect(env[name]).toBeUndefined();
    expect(env.NODE_OPTIONS?.split(' ').at(-1)).toBe('--max-semi-space-size=64');
  });

  it('keeps the young generation at the configured size on this Node', () => {
    // Node 22+ grows each semi-space to 64 MB on a large machine (Node 20: 16 MB); the flag
    // holds it, whichever Node runs the tests (CI runs this suite on Node 20 and on 24).
    const flag = runtime.nodeOptions.find((option) => option.startsWith('--max-semi-space-size='));
    expect(flag).toBeDefined();
    const semiSpaceMb = Number(flag!.split('=')[1]);
    // requests in flight: recent allocations survive a scavenge or two, which makes V8 grow
    // the young generation to its maximum
    const script = `const v8 = require('node:v8'); const ring = new Array(20000); let max = 0;
      for (let i = 0; i < 3000000; i++) {
        ring[i % ring.length] = { i, s: 'x'.repeat(16) + i, a: [i, i + 1, i + 2] };
        if (i % 50000 === 0) max = Math.max(max, v8.getHeapSpaceStatistics()
          .find((s) => s.space_name === 'new_space').space_size);
      }
      process.stdout.write(String(max / 2 ** 20));`;
    const newSpaceMb = (env: Record<string, string | undefined>) =>
      Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env }));
    const withRuntime = newSpaceMb({ PATH: process.env.PATH, ...serverRuntimeEnv({}) });
    expect(withRuntime).toBeGreaterThan(0);
    expect(withRuntime).toBeLessThanOrEqual(2 * semiSpaceMb);
  }, 60_000);

  it('lets the old generation grow to about 1.5 times what stays live, not 4 times', () => {
    // About 33 MB stays live while batches of requests in flight survive a few scavenges each,
    // are promoted, then die: V8 runs a full collection when the old generation reaches its
    // limit, and its growing factor sets that limit from what the last one left (up to 4x on
    // a machine with memory to spare: about 185 MB here without the runtime's flags).
    const script = `const v8 = require('node:v8');
      const old = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space');
      const live = Array.from({ length: 200000 }, (_, i) => ({ i, s: 'live' + i, a: [i, i] }));
      const inFlight = new Array(64); let max = 0;
      for (let i = 0; i < 1500; i++) {
        inFlight[i % inFlight.length] = Array.from({ length: 2000 }, (_, j) => ({ j, s: 'x'.repeat(8) + j }));
        if (i % 10 === 0) max = Math.max(max, old().space_size);
      }
      process.stdout.write(String(live.length && max / 2 ** 20));`;
    const maxOldMb = Number(
      execFileSync(process.execPath, [...runtime.nodeArgs.web!, '-e', script], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, ...serverRuntimeEnv({}) },
      }),
    );
    // 1.5 x 33 MB plus V8's smallest step: about 80 MB, on Node 20 and on 24
    expect(maxOldMb).toBeGreaterThan(33);
    expect(maxOldMb).toBeLessThan(120);
  }, 60_000);
});
