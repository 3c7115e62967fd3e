#!/usr/bin/env node
// npm run compose:check: builds the images and runs the project's own docker-compose.yml on a
// real Docker engine, then checks what an operator and a reader rely on (see README, "Run with
// Docker"). Settings (environment):
//   WEB_PORT, STUDIO_PORT, API_PORT  host ports (default 13000, 13001 and 14000, so the usual
//                               3000/3001/4000 stay free)
//   COMPOSE_CHECK_PROJECT       compose project name (default folio-check-<random>)
//   COMPOSE_CHECK_HEALTHY_SECONDS  bound for the stack to turn healthy (default 240)
//   COMPOSE_CHECK_KEEP=1        leave the stack up at the end (for a look around)
//   DOCKER_CONFIG               defaults to the compose rig's (${TMPDIR:-/tmp}/compose-rig/docker-config)
// With no Docker engine it says so loudly and exits 0, or 1 under CI=true.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ComposeProject, docker, healthOf, inspect } from './docker.mjs';
import { get, graphql, seconds, waitFor } from './http.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const rigConfig = path.join(process.env.TMPDIR || tmpdir(), 'compose-rig', 'docker-config');
if (!process.env.DOCKER_CONFIG && existsSync(rigConfig)) process.env.DOCKER_CONFIG = rigConfig;

const WEB_PORT = Number(process.env.WEB_PORT || 13000);
const API_PORT = Number(process.env.API_PORT || 14000);
const STUDIO_PORT = Number(process.env.STUDIO_PORT || 13001);
const HEALTHY_SECONDS = Number(process.env.COMPOSE_CHECK_HEALTHY_SECONDS || 240);
const IMAGE_BUDGET_MB = 200;
const PROJECT =
  process.env.COMPOSE_CHECK_PROJECT || `folio-check-${randomBytes(3).toString('hex')}`;
const workDir = path.join(process.env.TMPDIR || tmpdir(), PROJECT);

const API = `http://127.0.0.1:${API_PORT}`;
const WEB = `http://127.0.0.1:${WEB_PORT}`;
const STUDIO = `http://127.0.0.1:${STUDIO_PORT}`;
const BASE_FILES = ['docker-compose.yml'];
const SCALE_OUT_FILES = ['docker-compose.yml', 'deploy/scale-out.yml'];

const results = [];
function record(step, detail) {
  results.push({ step, ok: true, detail });
  console.log(`PASS  ${step}: ${detail}`);
}
function info(step, detail) {
  results.push({ step, ok: null, detail });
  console.log(`INFO  ${step}: ${detail}`);
}

// -------------------------------------------------------------------------------------------
// Preflight: an engine and Compose v2, or a loud notice.
// -------------------------------------------------------------------------------------------
async function preflight() {
  const engine = await docker(['version', '--format', '{{.Server.Version}}']);
  const compose = await docker(['compose', 'version', '--short']);
  if (engine.code !== 0 || compose.code !== 0) {
    const why = (engine.code !== 0 ? engine.stderr : compose.stderr).trim().split('\n')[0];
    const banner = '!'.repeat(78);
    console.error(
      `\n${banner}\n!! compose check NOT RUN: no Docker engine with Compose v2 here.\n!! ${why}\n` +
        `!! Start one with: bash ../shared/compose-rig/rig.sh engine && ... rig.sh bases\n` +
        `!! ${process.env.CI === 'true' ? 'CI=true: this is a failure.' : 'Not under CI: passing without checking anything.'}\n${banner}\n`,
    );
    process.exit(process.env.CI === 'true' ? 1 : 0);
  }
  mkdirSync(workDir, { recursive: true });
  info(
    'engine',
    `Docker ${engine.stdout.trim()}, Compose ${compose.stdout.trim()}, project ${PROJECT}, logs in ${workDir}`,
  );
}

// -------------------------------------------------------------------------------------------
// Secrets: compose refuses to start without them, the images refuse placeholders.
// -------------------------------------------------------------------------------------------
const hex = () => randomBytes(32).toString('hex');
function writeEnvFile() {
  const file = path.join(workDir, 'check.env');
  writeFileSync(
    file,
    [
      `POSTGRES_PASSWORD=${hex()}`,
      `REPORTER_KEY_SECRET=${hex()}`,
      `FORWARDED_ADDRESS_SECRET=${hex()}`,
      `STUDIO_SESSION_SECRET=${hex()}`,
      `WEB_PORT=${WEB_PORT}`,
      `STUDIO_PORT=${STUDIO_PORT}`,
      `API_PORT=${API_PORT}`,
      `PUBLIC_URL=${WEB}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return file;
}

async function composeRefusesMissingSecrets() {
  // Exactly what an operator gets who copies .env.example and fills nothing in.
  const example = path.join(workDir, 'example.env');
  writeFileSync(example, readFileSync(path.join(repoRoot, '.env.example')));
  for (const files of [BASE_FILES, SCALE_OUT_FILES]) {
    const bare = new ComposeProject({ cwd: repoRoot, name: PROJECT, envFile: example, files });
    const result = await bare.run(['config', '--quiet']);
    if (
      result.code === 0 ||
      !/POSTGRES_PASSWORD|REPORTER_KEY_SECRET|FORWARDED_ADDRESS_SECRET|STUDIO_SESSION_SECRET/.test(
        result.stderr,
      )
    )
      throw new Error(
        `compose (${files.join(' + ')}) started from .env.example's empty secrets: ${result.stderr}`,
      );
  }
  record(
    'compose refuses .env.example as it is',
    'docker compose config fails naming the missing secret',
  );
}

async function imagesRefusePlaceholders(project) {
  const image = (service) => `${project.name}-${service}`;
  const cases = [
    {
      service: 'api',
      env: {
        DATABASE_URL: 'postgres://folio:x7Rk2pQ9wL4m@postgres:5432/folio',
        REPORTER_KEY_SECRET: 'compose-example-reporter-secret-change-me',
        FORWARDED_ADDRESS_SECRET: hex(),
      },
      expect: /REPORTER_KEY_SECRET/,
    },
    {
      service: 'api',
      env: {
        DATABASE_URL: 'postgres://folio:x7Rk2pQ9wL4m@postgres:5432/folio',
        REPORTER_KEY_SECRET: hex(),
      },
      expect: /FORWARDED_ADDRESS_SECRET/,
    },
    {
      service: 'web',
      env: { FORWARDED_ADDRESS_SECRET: 'change-me-to-another-long-random-string' },
      expect: /FORWARDED_ADDRESS_SECRET/,
    },
  ];
  for (const { service, env, expect } of cases) {
    const args = [
      'run',
      '--rm',
      '--network',
      'none',
      ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
      image(service),
    ];
    const result = await docker(args, { timeoutMs: 60_000 });
    if (result.code === 0 || !expect.test(result.stderr + result.stdout))
      throw new Error(
        `${service} image started with a placeholder or missing secret (exit ${result.code}): ${result.stderr.slice(-500)}`,
      );
  }
  record(
    'images refuse placeholder secrets',
    'api (placeholder, missing) and web (placeholder) exit non-zero naming the variable',
  );
}

// -------------------------------------------------------------------------------------------
// Build, up, healthy.
// -------------------------------------------------------------------------------------------
async function build(project, label) {
  const started = performance.now();
  const log = path.join(workDir, `build-${label}.log`);
  const result = await project.run(['--progress', 'plain', 'build'], {
    log,
    timeoutMs: 30 * 60_000,
  });
  if (result.code !== 0)
    throw new Error(`build (${label}) failed: see ${log}\n${result.stderr.slice(-1500)}`);
  const took = seconds(started);
  info(`build (${label})`, `${took} s (BuildKit cache as found; log ${log})`);
  return took;
}

/**
 * `up -d`, then waits until every replica of `services` ([name, replicas]) is healthy; resolves
 * the seconds from the up command to all healthy. up -d itself waits for the dependencies'
 * health conditions, so most of the time is spent inside it.
 */
async function upHealthy(project, label, services, extra = []) {
  const started = performance.now();
  await project.must(['up', '-d', ...extra], { timeoutMs: 10 * 60_000 });
  const upReturned = seconds(started);
  const times = [];
  for (const [service, replicas] of services) {
    await waitFor(`${service} healthy (${label})`, HEALTHY_SECONDS, async (note) => {
      const states = await healthOf(project, service);
      note.last = states;
      // The load balancer has no health check of its own: running is its ready.
      return (
        states.length === replicas &&
        states.every((s) => s === 'healthy' || (service === 'lb' && s === 'running'))
      );
    });
    times.push(`${service}${replicas > 1 ? ` x${replicas}` : ''} at ${seconds(started)} s`);
  }
  const total = seconds(started);
  record(
    `up -d to healthy (${label})`,
    `${total} s (up -d returned at ${upReturned} s; ${times.join(', ')}; bound ${HEALTHY_SECONDS} s)`,
  );
  return total;
}

// -------------------------------------------------------------------------------------------
// The images: size, user, PID 1.
// -------------------------------------------------------------------------------------------
const startScript = (app) =>
  JSON.parse(readFileSync(path.join(repoRoot, app, 'package.json'), 'utf8')).scripts.start;

async function checkImages(project) {
  const sizes = [];
  for (const [service, command] of [
    // PID 1 must be what `npm start` runs in each app.
    ['api', startScript('apps/api')],
    ['web', startScript('apps/web')],
    ['studio', startScript('apps/studio')],
  ]) {
    const [image] = await inspect([`${project.name}-${service}`], 'image');
    const mb = image.Size / 1e6;
    sizes.push(`${service} ${mb.toFixed(0)} MB`);
    if (mb > IMAGE_BUDGET_MB)
      throw new Error(
        `${service} image is ${mb.toFixed(0)} MB, over the ${IMAGE_BUDGET_MB} MB budget`,
      );
    const seen = JSON.parse(
      await project.node(
        service,
        "const fs = require('node:fs'); console.log(JSON.stringify({ uid: process.getuid(), user: require('node:os').userInfo().username, pid1: fs.readFileSync('/proc/1/cmdline', 'utf8').split('\\0').filter(Boolean).join(' '), node: process.version, npm: fs.existsSync('/usr/local/lib/node_modules/npm'), jest: fs.existsSync('/app/node_modules/jest'), typescript: fs.existsSync('/app/node_modules/typescript') }))",
      ),
    );
    // The API has no React; the reader and Studio have no TypeORM (the API's).
    const other = service === 'api' ? '/app/node_modules/react-dom' : '/app/node_modules/typeorm';
    const foreign = (
      await project.node(service, `console.log(require('node:fs').existsSync('${other}'))`)
    ).trim();
    const problems = [
      seen.uid === 0 && 'runs as root',
      seen.pid1 !== command && `PID 1 is "${seen.pid1}", not "${command}"`,
      !seen.node.startsWith('v24.') && `Node ${seen.node}, not 24`,
      seen.npm && 'npm is in the runtime image',
      (seen.jest || seen.typescript) && 'test tools or TypeScript are in the runtime image',
      foreign === 'true' && `the other app's dependencies are in the image (${other})`,
    ].filter(Boolean);
    if (problems.length) throw new Error(`${service} image: ${problems.join('; ')}`);
    record(
      `${service} image`,
      `${mb.toFixed(0)} MB (budget ${IMAGE_BUDGET_MB}); user ${seen.user} (uid ${seen.uid}); PID 1 "${seen.pid1}"; Node ${seen.node}; no npm, jest, TypeScript or the other app's packages`,
    );
  }
  return sizes.join(', ');
}

// -------------------------------------------------------------------------------------------
// What readers and editors see.
// -------------------------------------------------------------------------------------------
const ARTICLES = '{ articles(first: 5) { totalCount edges { node { id slug title } } } }';
let article; // { id, slug, title } of the article the check edits
let token;

async function checkServing() {
  const body = await graphql(`${API}/graphql`, ARTICLES);
  const total = body.data?.articles?.totalCount ?? 0;
  if (!(total > 0))
    throw new Error(`GraphQL on :${API_PORT}: ${JSON.stringify(body).slice(0, 300)}`);
  article = body.data.articles.edges[0].node;
  record('GraphQL answers', `articles totalCount ${total} on :${API_PORT}`);

  const home = await get(`${WEB}/`);
  const links = new Set(home.text.match(/\/articles\/[a-z0-9-]+/g) ?? []);
  if (home.status !== 200 || links.size === 0)
    throw new Error(`reader front page: ${home.status}, ${links.size} article links`);
  const page = await get(`${WEB}/articles/${article.slug}`);
  if (page.status !== 200 || !page.text.includes(escapeHtml(article.title)))
    throw new Error(
      `reader article page: ${page.status}, title "${article.title}" ${page.text.includes(escapeHtml(article.title)) ? 'found' : 'missing'}`,
    );
  record(
    'reader renders',
    `front page 200 with ${links.size} article links; /articles/${article.slug} 200 with its title`,
  );
}

const escapeHtml = (text) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
const pageHas = (base, text) => async (note) => {
  const page = await get(`${base}/articles/${article.slug}`);
  note.last = `${page.status} ${page.headers.get('x-cache') ?? ''}`;
  return page.status === 200 && page.text.includes(escapeHtml(text));
};

async function createToken(project) {
  const out = await project.must([
    'exec',
    '-T',
    'api',
    'node',
    'dist/cli/create-token.js',
    '--name',
    `compose-check-${Date.now()}`,
    '--role',
    'editor',
  ]);
  token = out.trim().split('\n').at(-1);
  if (!token || token.length < 20) throw new Error(`token:create printed no token: ${out}`);
  record('editor token', 'created with token:create inside the api container');
}

const UPDATE_TITLE =
  'mutation ($id: ID!, $title: String!) { updateArticle(id: $id, input: { title: $title }) { title } }';

async function editThroughApi() {
  // Warm the reader's page cache first, so the check sees the purge, not just a cold render.
  await waitFor('reader page cache HIT before the edit', 60, async (note) => {
    const page = await get(`${WEB}/articles/${article.slug}`);
    note.last = page.headers.get('x-cache');
    return page.headers.get('x-cache') === 'HIT';
  });
  const title = `${article.title.replace(/ \(check \d+\)$/, '')} (check ${Date.now()})`;
  const body = await graphql(`${API}/graphql`, UPDATE_TITLE, { id: article.id, title }, token);
  if (body.errors || body.data?.updateArticle?.title !== title)
    throw new Error(`updateArticle: ${JSON.stringify(body).slice(0, 300)}`);
  const t = await waitFor('the edit on the reader', 30, pageHas(WEB, title));
  article.title = title;
  record(
    'edit through the API shows on the reader',
    `updateArticle title, reader page shows it ${t} s after the answer (its page cache was warm)`,
  );
}

// -------------------------------------------------------------------------------------------
// Studio: its sign-in page, and a staff account made with the API's CLI signing in through it.
// -------------------------------------------------------------------------------------------
/** The name=value pairs of a response's Set-Cookie headers, for the next request's Cookie. */
const cookiesOf = (response) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');

async function checkStudio(project) {
  const ready = await get(`${STUDIO}/health/ready`);
  if (ready.status !== 200) throw new Error(`Studio /health/ready: ${ready.status} ${ready.text}`);
  const page = await get(`${STUDIO}/sign-in`);
  const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)?.[1];
  const cookie = cookiesOf(page);
  if (
    page.status !== 200 ||
    !page.text.includes('Sign in to Folio Studio') ||
    !page.text.includes('name="password"') ||
    !csrf ||
    !cookie
  )
    throw new Error(
      `Studio sign-in page: ${page.status}, csrf ${csrf ? 'present' : 'missing'}, cookie ${cookie ? 'set' : 'missing'}: ${page.text.slice(0, 300)}`,
    );
  record(
    'Studio renders its sign-in page',
    `ready 200 on :${STUDIO_PORT}; /sign-in 200 with the form, a CSRF token and its cookie`,
  );

  // The way an operator makes the first account (README): the CLI prints a one-time password.
  const email = `check-${Date.now()}@example.org`;
  const out = await project.must([
    'exec',
    '-T',
    'api',
    'node',
    'dist/cli/create-user.js',
    '--email',
    email,
    '--name',
    'Compose Check',
    '--role',
    'editor',
  ]);
  const password = out.trim().split('\n').at(-1);
  if (!password || password.length < 12)
    throw new Error(`create-user printed no one-time password: ${out}`);
  const signIn = (fields) =>
    get(`${STUDIO}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie,
        // What a browser sends with the form; Studio refuses other origins.
        origin: STUDIO,
      },
      body: new URLSearchParams(fields).toString(),
    });
  const wrong = await signIn({ _csrf: csrf, email, password: `${password}-wrong` });
  if (wrong.status === 303 || cookiesOf(wrong).includes('folio_studio_session='))
    throw new Error(`Studio accepted a wrong password: ${wrong.status}`);
  const forged = await signIn({ _csrf: 'x'.repeat(csrf.length), email, password });
  if (forged.status < 400) throw new Error(`Studio accepted a forged CSRF token: ${forged.status}`);
  const signedIn = await signIn({ _csrf: csrf, email, password });
  const location = signedIn.headers.get('location') ?? '';
  const session = cookiesOf(signedIn);
  if (signedIn.status !== 303 || !session.includes('folio_studio_session='))
    throw new Error(
      `Studio sign-in with the CLI's password: ${signedIn.status} -> "${location}": ${signedIn.text.slice(0, 300)}`,
    );
  // A one-time password must be changed first: Studio sends the new user there, signed in.
  const next = await get(new URL(location, STUDIO).href, {
    headers: { cookie: `${cookie}; ${session}` },
    redirect: 'manual',
  });
  if (next.status !== 200 || !next.text.includes('Compose Check'))
    throw new Error(
      `Studio after sign-in (${location}): ${next.status} ${next.text.slice(0, 300)}`,
    );
  record(
    'staff sign-in through Studio',
    `user:create in the api container; wrong password ${wrong.status}, forged CSRF token ${forged.status}; the one-time password with the form's token: 303 to ${location}, which answers 200 naming the user`,
  );
}

// -------------------------------------------------------------------------------------------
// Operations: restart, database outage, down/up, stop.
// -------------------------------------------------------------------------------------------
async function restartApi(project) {
  const started = performance.now();
  await project.must(['restart', 'api'], { timeoutMs: 120_000 });
  const restart = seconds(started);
  const ready = await waitFor(
    'reader ready after restart api',
    120,
    async () => (await get(`${WEB}/health/ready`)).status === 200,
  );
  const page = await waitFor('article page after restart api', 60, pageHas(WEB, article.title));
  const cache = await waitFor('reader page cache back after restart api', 60, async (note) => {
    const r = await get(`${WEB}/articles/${article.slug}`);
    note.last = r.headers.get('x-cache');
    return r.headers.get('x-cache') === 'HIT';
  });
  record(
    'restart api, reader recovers',
    `restart ${restart} s; reader ready ${ready} s later, article 200 after ${page} s more, page cache HIT again after ${cache} s`,
  );
}

async function startedAt(project, services) {
  const ids = (await Promise.all(services.map((s) => project.containers(s)))).flat();
  return (await inspect(ids))
    .map((c) => `${c.Name} ${c.State.StartedAt} ${c.RestartCount}`)
    .join('\n');
}

async function databaseOutage(project) {
  const before = await startedAt(project, ['api', 'web']);
  await project.must(['stop', 'postgres'], { timeoutMs: 60_000 });
  const apiDown = await waitFor('API readiness 503 with PostgreSQL stopped', 60, async (note) => {
    note.last = (await get(`${API}/health/ready`)).status;
    return note.last === 503;
  });
  const webDown = await waitFor(
    'reader readiness 503 with PostgreSQL stopped',
    60,
    async (note) => {
      note.last = (await get(`${WEB}/health/ready`)).status;
      return note.last === 503;
    },
  );
  // A page no cache holds: the reader must answer its own 503 page, not hang or crash.
  const page = await get(`${WEB}/search?q=outage${Date.now()}`, { timeoutMs: 30_000 });
  if (page.status !== 503 || !page.text.includes('<html'))
    throw new Error(`reader page during the outage: ${page.status} ${page.text.slice(0, 200)}`);
  const started = performance.now();
  await project.must(['start', 'postgres'], { timeoutMs: 60_000 });
  const apiUp = await waitFor(
    'API ready again after PostgreSQL started',
    120,
    async () => (await get(`${API}/health/ready`)).status === 200,
  );
  const webUp = await waitFor(
    'reader ready again after PostgreSQL started',
    120,
    async () => (await get(`${WEB}/health/ready`)).status === 200,
  );
  const after = await startedAt(project, ['api', 'web']);
  if (after !== before)
    throw new Error(`api or web restarted during the outage:\n${before}\n->\n${after}`);
  record(
    'PostgreSQL stopped, then started',
    `API ready 503 after ${apiDown} s, reader ready 503 ${webDown} s later, reader page 503 (its error page); after start API ready in ${seconds(started)} s (${apiUp} s polling), reader ${webUp} s later; neither container restarted`,
  );
}

async function downUpKeepsContent(project) {
  const started = performance.now();
  await project.must(['down'], { timeoutMs: 120_000 });
  const down = seconds(started);
  const volume = await docker(['volume', 'inspect', `${project.name}_pgdata`]);
  if (volume.code !== 0) throw new Error('down removed the pgdata volume');
  const healthy = await upHealthy(project, 'after down', [
    ['postgres', 1],
    ['api', 1],
    ['web', 1],
    ['studio', 1],
  ]);
  const body = await graphql(`${API}/graphql`, `{ article(slug: "${article.slug}") { title } }`);
  if (body.data?.article?.title !== article.title)
    throw new Error(`after down/up the edit is gone: ${JSON.stringify(body).slice(0, 300)}`);
  await waitFor('edited article on the reader after down/up', 30, pageHas(WEB, article.title));
  record(
    'down, then up: content kept',
    `down ${down} s, volume kept, healthy ${healthy} s after up, the edit still on the API and the reader`,
  );
}

/**
 * `docker compose stop`: every container must exit 0 within its own grace period, counted from
 * the signal it got (compose stops dependents first, so later ones wait for earlier ones).
 */
async function stopAll(project, label) {
  const config = JSON.parse(await project.must(['config', '--format', 'json']));
  const since = Math.floor(Date.now() / 1000);
  const started = performance.now();
  await project.must(['stop'], { timeoutMs: 180_000 });
  const took = seconds(started);
  const events = await docker([
    'events',
    '--since',
    String(since),
    '--until',
    String(Math.ceil(Date.now() / 1000) + 1),
    '--filter',
    'type=container',
    '--filter',
    `label=com.docker.compose.project=${project.name}`,
    '--format',
    '{{json .}}',
  ]);
  const signalled = new Map();
  const lines = [];
  const problems = [];
  for (const event of events.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))) {
    const name = event.Actor.Attributes.name;
    if (event.Action === 'kill' && !signalled.has(name)) signalled.set(name, event.timeNano);
    if (event.Action !== 'die') continue;
    const service = event.Actor.Attributes['com.docker.compose.service'];
    const grace = parseDuration(config.services[service]?.stop_grace_period ?? '10s');
    const after = (event.timeNano - (signalled.get(name) ?? event.timeNano)) / 1e9;
    const exit = Number(event.Actor.Attributes.exitCode);
    lines.push(
      `${service} (${name.replace(`${project.name}-`, '')}) exit ${exit} ${after.toFixed(1)} s after its signal (grace ${grace} s)`,
    );
    if (exit !== 0 || after >= grace) problems.push(lines.at(-1));
  }
  const ids = await project.containers('');
  if (lines.length !== ids.length)
    problems.push(`${lines.length} of ${ids.length} containers reported stopping`);
  if (problems.length) throw new Error(`stop (${label}): ${problems.join('; ')}`);
  record(`stop (${label})`, `${took} s in all; ${lines.sort().join('; ')}`);
}

function parseDuration(text) {
  let total = 0;
  for (const [, amount, unit] of String(text).matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
    total += Number(amount) * { ms: 0.001, s: 1, m: 60, h: 3600 }[unit];
  return total;
}

// -------------------------------------------------------------------------------------------
// Scale-out: two API and two reader replicas behind HAProxy.
// -------------------------------------------------------------------------------------------
async function scaleOut(project) {
  const scaled = project.withFiles(SCALE_OUT_FILES);
  await build(scaled, 'scale-out');
  await upHealthy(
    scaled,
    'scale-out',
    [
      ['postgres', 1],
      ['api', 2],
      ['web', 2],
      ['studio', 1],
      ['lb', 1],
    ],
    ['--remove-orphans'],
  );
  await waitFor(
    'the reader through the load balancer',
    60,
    async () => (await get(`${WEB}/health/ready`)).status === 200,
  );
  await waitFor(
    'the API through the load balancer',
    60,
    async () => (await get(`${API}/health/ready`)).status === 200,
  );

  const inReplica = (index, url, extra = '') =>
    `fetch('${url}'${extra}).then(async (r) => console.log(JSON.stringify({ status: r.status, cache: r.headers.get('x-cache'), text: await r.text() })), (e) => console.log(JSON.stringify({ status: 0, text: String(e) })))`;
  const replicaPage = async (index) =>
    JSON.parse(
      await scaled.node(
        'web',
        inReplica(index, `http://127.0.0.1:3000/articles/${article.slug}`),
        index,
      ),
    );
  for (const index of [1, 2]) {
    await waitFor(`reader replica ${index} page cache HIT`, 60, async (note) => {
      const page = await replicaPage(index);
      note.last = `${page.status} ${page.cache}`;
      return page.cache === 'HIT';
    });
  }
  // The edit goes to API replica 2 directly; each reader replica follows whichever API replica
  // the load balancer gave its change stream.
  const title = `${article.title.replace(/ \(check \d+\)$/, '')} (check ${Date.now()})`;
  const mutation = JSON.stringify({ query: UPDATE_TITLE, variables: { id: article.id, title } });
  const answer = JSON.parse(
    JSON.parse(
      await scaled.node(
        'api',
        inReplica(
          2,
          'http://127.0.0.1:4000/graphql',
          `, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ${token}' }, body: ${JSON.stringify(mutation)} }`,
        ),
        2,
      ),
    ).text,
  );
  if (answer.data?.updateArticle?.title !== title)
    throw new Error(`updateArticle on API replica 2: ${JSON.stringify(answer).slice(0, 300)}`);
  const seen = [];
  for (const index of [1, 2]) {
    const t = await waitFor(`the edit on reader replica ${index}`, 30, async (note) => {
      const page = await replicaPage(index);
      note.last = `${page.status} ${page.cache}`;
      return page.status === 200 && page.text.includes(escapeHtml(title));
    });
    seen.push(`reader ${index} after ${t} s`);
  }
  article.title = title;
  await waitFor('the edit through the load balancer', 30, pageHas(WEB, title));
  record(
    'scale-out: edit through one API replica reaches every reader replica',
    `2 API + 2 reader replicas behind HAProxy; updateArticle on API replica 2; ${seen.join(', ')} (both caches were warm), and through the load balancer`,
  );
  await stopAll(scaled, 'scale-out');
  return scaled;
}

// -------------------------------------------------------------------------------------------
async function main() {
  const overall = performance.now();
  await preflight();
  await composeRefusesMissingSecrets();
  const project = new ComposeProject({
    cwd: repoRoot,
    name: PROJECT,
    envFile: writeEnvFile(),
    files: BASE_FILES,
  });
  let scaled;
  const timings = {};
  try {
    timings.build = await build(project, 'api + web + studio');
    await imagesRefusePlaceholders(project);
    timings.healthy = await upHealthy(project, 'first', [
      ['postgres', 1],
      ['api', 1],
      ['web', 1],
      ['studio', 1],
    ]);
    timings.sizes = await checkImages(project);
    await checkServing();
    await checkStudio(project);
    await createToken(project);
    await editThroughApi();
    await restartApi(project);
    await databaseOutage(project);
    await downUpKeepsContent(project);
    await stopAll(project, 'api, web, studio, postgres');
    scaled = await scaleOut(project);
  } catch (error) {
    console.error(`\nFAIL  ${error.message}\n`);
    const logs = await project
      .withFiles(SCALE_OUT_FILES)
      .run(['logs', '--no-color', '--tail', '40']);
    writeFileSync(path.join(workDir, 'failure-logs.txt'), logs.stdout + logs.stderr);
    console.error(`container logs: ${path.join(workDir, 'failure-logs.txt')}`);
    results.push({ step: 'FAILED', ok: false, detail: error.message });
  } finally {
    if (process.env.COMPOSE_CHECK_KEEP !== '1') {
      await (scaled ?? project.withFiles(SCALE_OUT_FILES)).run(
        ['down', '-v', '--remove-orphans', '--rmi', 'local'],
        { timeoutMs: 180_000 },
      );
    }
  }
  const failed = results.some((r) => r.ok === false);
  console.log(
    `\ncompose check ${failed ? 'FAILED' : 'passed'} in ${seconds(overall)} s: build ${timings.build ?? '-'} s, up -d to healthy ${timings.healthy ?? '-'} s, images ${timings.sizes ?? '-'}`,
  );
  process.exit(failed ? 1 : 0);
}

await main();
