// What Studio's middleware adds to express's response locals, typed once.
import 'express';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** This request's id (from @folio/server-kit's createHttpLogger), for log lines and the API. */
      requestId: string;
    }
  }
}

export {};
