// The Docker CLI as the compose check uses it: one compose project, run with the project's own
// files, an env file of its own and nothing from the caller's shell that could shadow a setting.
import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/** Variables docker-compose.yml reads: taken from the check's env file only, never the shell. */
const COMPOSE_VARIABLES =
  /^(POSTGRES_PASSWORD|REPORTER_KEY_SECRET|FORWARDED_ADDRESS_SECRET|WEB_PORT|API_PORT|PUBLIC_URL|REPORT_RATE_LIMIT|REPORT_REVIEW_THRESHOLD|DATABASE_POOL_MAX|TRUST_PROXY|LOG_LEVEL|COMPOSE_.*)$/;

function cleanEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !COMPOSE_VARIABLES.test(name)),
  );
}

/**
 * Runs docker with `args`; resolves { code, stdout, stderr } (never rejects on a non-zero exit).
 * @param {string[]} args
 * @param {{ cwd?: string, timeoutMs?: number, log?: string }} [options] log: a file for stdout+stderr
 */
export function docker(args, { cwd, timeoutMs = 15 * 60_000, log } = {}) {
  if (log) {
    return new Promise((resolve) => {
      const out = createWriteStream(log);
      const child = spawn('docker', args, {
        cwd,
        env: cleanEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stdout.pipe(out, { end: false });
      child.stderr.on('data', (chunk) => {
        stderr = (stderr + chunk).slice(-4000);
        out.write(chunk);
      });
      const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
      child.on('close', (code) => {
        clearTimeout(timer);
        out.end();
        resolve({ code: code ?? 1, stdout: '', stderr });
      });
    });
  }
  return new Promise((resolve) => {
    execFile(
      'docker',
      args,
      { cwd, env: cleanEnv(), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

/** A compose project: `files` are the compose files, relative to `cwd` (the repository root). */
export class ComposeProject {
  /** @param {{ cwd: string, name: string, envFile: string, files: string[] }} options */
  constructor({ cwd, name, envFile, files }) {
    this.cwd = cwd;
    this.name = name;
    this.envFile = envFile;
    this.files = files;
  }

  /** The same project with other compose files (the scale-out override on top). */
  withFiles(files) {
    return new ComposeProject({ ...this, files });
  }

  /** @param {string[]} args @param {{ timeoutMs?: number, log?: string }} [options] */
  run(args, options) {
    const fileArgs = this.files.flatMap((file) => ['-f', file]);
    return docker(['compose', '-p', this.name, '--env-file', this.envFile, ...fileArgs, ...args], {
      cwd: this.cwd,
      ...options,
    });
  }

  /** Like run(), but a non-zero exit throws with compose's own words. */
  async must(args, options) {
    const result = await this.run(args, options);
    if (result.code !== 0)
      throw new Error(
        `docker compose ${args.join(' ')} failed (${result.code}): ${result.stderr.trim().slice(-1500)}`,
      );
    return result.stdout;
  }

  /** Container ids of a service (every replica), or of every service, running or not. */
  async containers(service) {
    const out = await this.must(['ps', '-a', '-q', ...(service ? [service] : [])]);
    return out.split('\n').filter(Boolean);
  }

  /** Runs `node -e <script>` inside replica `index` of `service`; resolves its stdout. */
  async node(service, script, index = 1) {
    return this.must(['exec', '-T', '--index', String(index), service, 'node', '-e', script]);
  }
}

/** `docker inspect` of containers or images, parsed. */
export async function inspect(ids, kind = 'container') {
  const result = await docker([kind, 'inspect', ...ids]);
  if (result.code !== 0) throw new Error(`docker ${kind} inspect failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** Health of every replica of a service: 'healthy', 'starting', 'unhealthy', or the state. */
export async function healthOf(project, service) {
  const ids = await project.containers(service);
  if (ids.length === 0) return ['absent'];
  return (await inspect(ids)).map((c) => c.State.Health?.Status ?? c.State.Status);
}
