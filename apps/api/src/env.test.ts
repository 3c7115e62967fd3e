import { parseCliEnv } from './env.js';

describe('the command-line tools’ environment', () => {
  it('takes DATABASE_URL when it is set, and means the embedded PostgreSQL when unset or empty', () => {
    expect(parseCliEnv({ DATABASE_URL: 'postgres://db.example/folio' }).DATABASE_URL).toBe(
      'postgres://db.example/folio',
    );
    expect(parseCliEnv({}).DATABASE_URL).toBeUndefined();
    expect(parseCliEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names a DATABASE_URL that is not a URL instead of failing later on it', () => {
    expect(() => parseCliEnv({ DATABASE_URL: 'db host and port' })).toThrow(
      /Invalid environment:\n {2}DATABASE_URL: Invalid url/,
    );
  });

  it('ignores the server’s variables, which a token command does not need', () => {
    expect(() => parseCliEnv({ PORT: 'not a port', INIT_CWD: '/home/me' })).not.toThrow();
    expect(parseCliEnv({ INIT_CWD: '/home/me' }).INIT_CWD).toBe('/home/me');
  });
});
