import { parse } from 'yaml';
import { readRepoFile } from './repo-files';

// deploy/scale-out.yml and its HAProxy config, read as files; npm run compose:check runs them.
// Compose's own merge tags (!reset, !override) are kept as plain values here.
const override = parse(readRepoFile('deploy/scale-out.yml'), { logLevel: 'error' }) as {
  services: Record<string, any>;
};
const haproxy = readRepoFile('deploy/haproxy/haproxy.cfg');

/** The lines of one haproxy.cfg section ("backend apis"), trimmed, comments dropped. */
function section(header: string): string[] {
  const lines = haproxy.split('\n');
  const start = lines.findIndex((line) => line.trim() === header);
  expect(start).toBeGreaterThanOrEqual(0);
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    if (line.trim() && !line.trim().startsWith('#')) body.push(line.trim());
  }
  return body;
}

describe('deploy/scale-out.yml', () => {
  it('runs two API and two reader replicas with no host port of their own', () => {
    for (const name of ['api', 'web']) {
      expect(override.services[name].deploy.replicas).toBe(2);
      expect(override.services[name].ports).toEqual([]);
    }
  });

  it('publishes the reader and the API through the load balancer only, on the same host ports', () => {
    expect(override.services.lb.ports).toEqual([
      '${WEB_PORT:-3000}:3000',
      '${API_PORT:-4000}:4000',
    ]);
    expect(override.services.web.environment.FOLIO_API_URL).toBe('http://lb:4000/graphql');
  });
});

describe('deploy/haproxy/haproxy.cfg', () => {
  const replicas = 2;

  it('checks every replica on its readiness and has room for the replicas compose runs', () => {
    for (const backend of ['backend readers', 'backend apis', 'backend api_by_reader']) {
      const lines = section(backend);
      expect(lines).toContain('option httpchk GET /health/ready');
      const template = lines.find((line) => line.startsWith('server-template'))!;
      expect(Number(template.split(/\s+/)[2])).toBeGreaterThanOrEqual(replicas);
    }
  });

  it("sends a reader's change stream and its acknowledgements to one API replica", () => {
    const frontend = section('frontend api');
    expect(frontend).toContain('acl content_changes path /content-changes /content-changes/ack');
    expect(frontend).toContain('use_backend api_by_reader if content_changes');
    expect(section('backend api_by_reader')).toContain('balance source');
  });
});
