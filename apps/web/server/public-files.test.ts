import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { servePublicFiles } from './public-files';

let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'public-files-'));
  writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>');
  mkdirSync(path.join(dir, 'fonts'));
  writeFileSync(path.join(dir, 'fonts', 'a b.txt'), 'spaced');
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'js');
  const app = express();
  app.use(servePublicFiles(dir, { skip: 'assets', maxAge: '1h' }));
  app.use((_req, res) => {
    res.send('page');
  });
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const get = async (urlPath: string) => {
  const response = await fetch(`${base}${urlPath}`);
  return { body: await response.text(), cacheControl: response.headers.get('cache-control') };
};

describe('servePublicFiles', () => {
  it('serves the files the build holds, with their cache lifetime', async () => {
    expect(await get('/favicon.svg')).toEqual({
      body: '<svg/>',
      cacheControl: 'public, max-age=3600',
    });
    expect((await get('/fonts/a%20b.txt')).body).toBe('spaced');
  });

  it('hands every other path to the pages, including the skipped folder and files made later', async () => {
    writeFileSync(path.join(dir, 'later.txt'), 'not built');
    for (const urlPath of ['/articles/tides', '/assets/app.js', '/later.txt', '/%E0%A4%A', '/']) {
      expect((await get(urlPath)).body).toBe('page');
    }
  });
});
