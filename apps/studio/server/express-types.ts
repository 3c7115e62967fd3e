// What Studio's middleware adds to express's response locals, typed once.
import 'express';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** This request's id (from pino-http, see @folio/server-kit), for log lines and the API. */
      requestId: string;
    }
  }
}

export {};
