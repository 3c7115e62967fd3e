// How every Folio server process is started, in one place: `npm start` (scripts/start.mjs) and
// the bench (scripts/bench/servers.mjs) apply it, and the images set the same in their runtime
// stage's ENV and CMD, as each app's start script does (apps/*/Dockerfile, apps/*/package.json;
// packages/deploy-checks holds them to server-runtime.json).
// Why each setting, with the figures: README "Benchmark", "Round three: memory" and "Round nine:
// memory".
import { readFileSync } from 'node:fs';

/**
 * `env`: variables; `nodeOptions`: Node flags set through NODE_OPTIONS; `nodeArgs`: each
 * server's flags that Node takes on its command line only (V8's own, which NODE_OPTIONS
 * refuses), put before the script.
 * @type {{ env: Record<string, string>, nodeOptions: string[],
 *   nodeArgs: Record<'api' | 'web' | 'studio', string[]> }}
 */
export const SERVER_RUNTIME = JSON.parse(
  readFileSync(new URL('./server-runtime.json', import.meta.url), 'utf8'),
);

/**
 * The environment a server starts with on top of `base`: the runtime's variables unless `base`
 * sets them already, and its Node flags ahead of any NODE_OPTIONS in `base` (later flags win, so
 * an operator's own NODE_OPTIONS still has the last word).
 */
export function serverRuntimeEnv(base = process.env) {
  const env = {};
  for (const [name, value] of Object.entries(SERVER_RUNTIME.env))
    if (base[name] === undefined) env[name] = value;
  env.NODE_OPTIONS = [...SERVER_RUNTIME.nodeOptions, base.NODE_OPTIONS ?? '']
    .filter(Boolean)
    .join(' ');
  return env;
}
