import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { once } from 'node:events';
import { createServer, request, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { createGraphQLHandler } from './graphql-handler.js';
import { BODY_LIMIT, writeHttpFailure } from './json-errors.js';

// The plain /graphql handler must answer every request exactly as the stack it replaced did:
// express.json({ limit: '100kb' }) + @as-integrations/express5 + the JSON error handler. Both
// run here over one Apollo server, and each request below goes to both over real HTTP.

const logger = pino({ level: 'silent' });
const typeDefs = `type Query { hello(name: String): String } type Mutation { touch: String }`;
const resolvers = {
  Query: { hello: (_: unknown, { name }: { name?: string }) => `hello ${name ?? 'world'}` },
  Mutation: { touch: () => 'touched' },
};

let apollo: ApolloServer;
let reference: Server;
let plain: Server;
const urlOf = (server: Server) => (server.address() as AddressInfo).port;

beforeAll(async () => {
  apollo = new ApolloServer({ typeDefs, resolvers, csrfPrevention: true });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json({ limit: BODY_LIMIT }), expressMiddleware(apollo));
  app.use(((error, _req, res, _next) =>
    writeHttpFailure(res, error, logger)) as express.ErrorRequestHandler);
  reference = createServer(app).listen(0, '127.0.0.1');
  plain = createServer(createGraphQLHandler({ apollo, logger, context: () => ({}) })).listen(
    0,
    '127.0.0.1',
  );
  await Promise.all([once(reference, 'listening'), once(plain, 'listening')]);
});

afterAll(async () => {
  reference.close();
  plain.close();
  await apollo.stop();
});

interface Answer {
  status: number;
  contentType: string | undefined;
  allow: string | undefined;
  body: string;
}

/** One raw HTTP request (no headers added behind our back, unlike fetch). */
function send(
  server: Server,
  method: string,
  path: string,
  headers: OutgoingHttpHeaders,
  body?: Buffer | string,
  chunked = false,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: urlOf(server), method, path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            contentType: res.headers['content-type'],
            allow: res.headers.allow as string | undefined,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (body !== undefined && chunked) {
      // Two writes without a length: Node sends it chunked.
      const bytes = Buffer.from(body);
      req.write(bytes.subarray(0, 5));
      req.end(bytes.subarray(5));
    } else req.end(body);
  });
}

const json = (value: unknown) => JSON.stringify(value);
const withLength = (type: string, body: Buffer | string): OutgoingHttpHeaders => ({
  'content-type': type,
  'content-length': Buffer.byteLength(body),
});
const query = json({ query: '{ hello(name: "folio") }' });

const cases: Array<[string, string, string, OutgoingHttpHeaders, (Buffer | string)?, boolean?]> = [
  ['a JSON POST', 'POST', '/graphql', withLength('application/json', query), query],
  [
    'a JSON POST with charset',
    'POST',
    '/graphql',
    withLength('application/json; charset=UTF-8', query),
    query,
  ],
  [
    'a body with a byte order mark',
    'POST',
    '/graphql',
    withLength('application/json', `\uFEFF${query}`),
    `\uFEFF${query}`,
  ],
  [
    'JSON that does not parse',
    'POST',
    '/graphql',
    withLength('application/json', '{"query":'),
    '{"query":',
  ],
  [
    'a JSON string, not an object',
    'POST',
    '/graphql',
    withLength('application/json', ' "{ hello }"'),
    ' "{ hello }"',
  ],
  ['whitespace only', 'POST', '/graphql', withLength('application/json', '  \n'), '  \n'],
  ['an empty body', 'POST', '/graphql', withLength('application/json', ''), ''],
  ['an empty object', 'POST', '/graphql', withLength('application/json', '{}'), '{}'],
  [
    'a body over 100 kB',
    'POST',
    '/graphql',
    withLength('application/json', json({ query: '{ hello }', padding: 'x'.repeat(110_000) })),
    json({ query: '{ hello }', padding: 'x'.repeat(110_000) }),
  ],
  ['a chunked body', 'POST', '/graphql', { 'content-type': 'application/json' }, query, true],
  [
    'a chunked body over 100 kB',
    'POST',
    '/graphql',
    { 'content-type': 'application/json' },
    json({ query: '{ hello }', padding: 'x'.repeat(110_000) }),
    true,
  ],
  [
    'a gzipped body',
    'POST',
    '/graphql',
    { ...withLength('application/json', gzipSync(query)), 'content-encoding': 'gzip' },
    gzipSync(query),
  ],
  [
    'an unknown content encoding (415)',
    'POST',
    '/graphql',
    { ...withLength('application/json', query), 'content-encoding': 'compress' },
    query,
  ],
  [
    'a charset JSON may not have (415)',
    'POST',
    '/graphql',
    withLength('application/json; charset=latin1', query),
    query,
  ],
  ['a text/plain POST (CSRF)', 'POST', '/graphql', withLength('text/plain', query), query],
  [
    'a form POST (CSRF)',
    'POST',
    '/graphql',
    withLength('application/x-www-form-urlencoded', 'query={hello}'),
    'query={hello}',
  ],
  [
    'a form POST with the preflight header',
    'POST',
    '/graphql',
    {
      ...withLength('application/x-www-form-urlencoded', 'query={hello}'),
      'apollo-require-preflight': 'yes',
    },
    'query={hello}',
  ],
  [
    'a batch',
    'POST',
    '/graphql',
    withLength('application/json', `[${query},${query}]`),
    `[${query},${query}]`,
  ],
  [
    'variables as a string',
    'POST',
    '/graphql',
    withLength('application/json', json({ query: '{ hello }', variables: '{}' })),
    json({ query: '{ hello }', variables: '{}' }),
  ],
  ['a GET query without a preflight header (CSRF)', 'GET', '/graphql?query=%7Bhello%7D', {}],
  ['a GET query', 'GET', '/graphql?query=%7Bhello%7D', { 'apollo-require-preflight': 'yes' }],
  [
    'a GET query with a fragment in the URL',
    'GET',
    '/graphql?query=%7Bhello%7D#x',
    { 'apollo-require-preflight': 'yes' },
  ],
  [
    'a GET mutation (405)',
    'GET',
    '/graphql?query=mutation%7Btouch%7D',
    { 'apollo-require-preflight': 'yes' },
  ],
  ['a GET without a query', 'GET', '/graphql', { 'apollo-require-preflight': 'yes' }],
  ['a PUT (405)', 'PUT', '/graphql', withLength('application/json', query), query],
  [
    'a mutation POST',
    'POST',
    '/graphql',
    withLength('application/json', json({ query: 'mutation { touch }' })),
    json({ query: 'mutation { touch }' }),
  ],
  [
    'an Accept header that takes no JSON (406)',
    'POST',
    '/graphql',
    { ...withLength('application/json', query), accept: 'text/csv' },
    query,
  ],
];

describe('the plain /graphql handler', () => {
  // One argument per case: it.each spreads a tuple, and a case shorter than the callback's
  // parameter list would make jest wait for a done() callback.
  it.each(cases.map((entry) => [entry[0], entry] as const))(
    'answers %s as express and body-parser did',
    async (_name, [, method, path, headers, body, chunked]) => {
      const [expected, actual] = await Promise.all([
        send(reference, method, path, headers, body, chunked),
        send(plain, method, path, headers, body, chunked),
      ]);
      expect(actual).toEqual(expected);
    },
  );

  it('really answers: a query runs, oversized and malformed bodies are refused with their status', async () => {
    const ok = await send(plain, 'POST', '/graphql', withLength('application/json', query), query);
    expect([ok.status, JSON.parse(ok.body)]).toEqual([200, { data: { hello: 'hello folio' } }]);
    const big = json({ query: '{ hello }', padding: 'x'.repeat(110_000) });
    const tooBig = await send(plain, 'POST', '/graphql', withLength('application/json', big), big);
    expect([tooBig.status, JSON.parse(tooBig.body).errors[0].message]).toEqual([
      413,
      'Request body too large; the limit is 100kb.',
    ]);
    const latin1 = await send(
      plain,
      'POST',
      '/graphql',
      withLength('application/json; charset=latin1', query),
      query,
    );
    expect(latin1.status).toBe(415);
    const broken = await send(
      plain,
      'POST',
      '/graphql',
      withLength('application/json', '{"query":'),
      '{"query":',
    );
    expect(broken.status).toBe(400);
    const form = await send(
      plain,
      'POST',
      '/graphql',
      withLength('application/x-www-form-urlencoded', 'query={hello}'),
      'query={hello}',
    );
    expect(form.status).toBe(400);
    expect(form.body).toMatch(/CSRF/);
  });
});
