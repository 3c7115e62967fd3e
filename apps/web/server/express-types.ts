// What the reader's middleware adds to express's request and response, typed once.
import 'express';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The body, read whole and bounded by ./body-limit.ts (methods other than GET and HEAD). */
      rawBody?: Buffer;
    }
    interface Locals {
      /** This request's id (from @folio/server-kit's createHttpLogger), for log lines and the API. */
      requestId: string;
    }
  }
}

export {};
