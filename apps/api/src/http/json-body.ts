import express from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Reads a request's JSON body with body-parser (`express.json({ limit })`), outside express:
 * 413 over the limit, 400 for JSON that does not parse, 415 for a charset or content encoding
 * it does not take, no body (undefined) for other content types.
 */
export function createJsonBodyReader(
  limit: string,
): (req: IncomingMessage, res: ServerResponse) => Promise<unknown> {
  const bodyParser = express.json({ limit });
  return (req, res) =>
    new Promise<unknown>((resolve, reject) => {
      bodyParser(req as express.Request, res as express.Response, (error?: unknown) => {
        if (error) reject(error as Error);
        else resolve((req as { body?: unknown }).body);
      });
    });
}
