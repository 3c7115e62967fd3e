import express from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpFailure } from './json-errors.js';

/**
 * Reads a request's JSON body as `express.json({ limit })` (body-parser) does, with the same
 * answers: 413 over the limit, 400 for JSON that does not parse (body-parser's message), 415 for
 * a charset or content encoding it does not take, no body (undefined) for other content types.
 *
 * Nearly every GraphQL POST is `application/json` in UTF-8, uncompressed, with a
 * Content-Length under the limit: that one case is read here directly (chunks, one decode, one
 * JSON.parse), without body-parser's per-request machinery (content-type parsing, a streaming
 * decoder, raw-body's listeners). Every other request (chunked, compressed, another charset or
 * type, too long, a GET) goes to body-parser itself, so its answers stay body-parser's.
 */
export function createJsonBodyReader(
  limitBytes: number,
  limit: string,
): (req: IncomingMessage, res: ServerResponse) => Promise<unknown> {
  const bodyParser = express.json({ limit });
  const fallback = (req: IncomingMessage, res: ServerResponse) =>
    new Promise<unknown>((resolve, reject) => {
      bodyParser(req as express.Request, res as express.Response, (error?: unknown) => {
        if (error) reject(error as Error);
        else resolve((req as { body?: unknown }).body);
      });
    });
  return (req, res) => {
    const length = plainJsonLength(req);
    if (length === null || length > limitBytes) return fallback(req, res);
    return readPlainJson(req, length);
  };
}

/** Content types body-parser would read as UTF-8 JSON, spelled as clients send them. */
const PLAIN_JSON_TYPES = new Set([
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=utf-8',
  'application/json; charset="utf-8"',
]);

/** The Content-Length of an uncompressed UTF-8 JSON POST, or null for anything else. */
function plainJsonLength(req: IncomingMessage): number | null {
  if (req.method !== 'POST') return null;
  const headers = req.headers;
  const type = headers['content-type'];
  if (type === undefined || !PLAIN_JSON_TYPES.has(type.toLowerCase())) return null;
  if (headers['content-encoding'] !== undefined || headers['transfer-encoding'] !== undefined)
    return null;
  const declared = headers['content-length'];
  if (declared === undefined || !/^\d{1,9}$/.test(declared)) return null;
  return Number(declared);
}

function readPlainJson(req: IncomingMessage, length: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    });
    req.once('error', () => reject(failure(400, 'request aborted')));
    req.once('end', () => {
      // Node's parser ends the body at Content-Length; fewer bytes means the client went away.
      if (received !== length) {
        reject(failure(400, 'request size did not match content length'));
        return;
      }
      const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received);
      try {
        resolve(parseJson(bytes.toString('utf8')));
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}

function failure(status: number, message: string): Error & HttpFailure {
  return Object.assign(new Error(message), { status });
}

// body-parser's strict JSON parse (lib/types/json.js, MIT), so a malformed body gets the very
// message it gave: an empty body is {}, anything but an object or array is refused with the
// message JSON.parse gives for the offending character, a leading byte order mark is dropped
// (iconv-lite's decoder does that).
// eslint-disable-next-line no-control-regex -- JSON's whitespace is tab, line feed, return, space
const FIRST_NON_WHITESPACE = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d]|$)/;

function parseJson(decoded: string): unknown {
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  if (text.length === 0) return {};
  if (text[0] !== '{' && text[0] !== '[') {
    const first = FIRST_NON_WHITESPACE.exec(text)?.[1] || undefined;
    if (first !== '{' && first !== '[') throw strictViolation(text, first);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw failure(400, (error as Error).message);
  }
}

function strictViolation(text: string, first: string | undefined): Error {
  const index = first === undefined ? -1 : text.indexOf(first);
  const partial = index === -1 ? '' : text.substring(0, index) + '#'.repeat(text.length - index);
  try {
    JSON.parse(partial);
    return failure(400, 'strict violation');
  } catch (error) {
    const message = (error as Error).message.replace(/#+/g, (placeholder) =>
      text.substring(index, index + placeholder.length),
    );
    return failure(400, message);
  }
}
