import http from 'node:http';
import https from 'node:https';
import type { EndpointPolicy } from './endpoint-policy.js';

export interface SendOutcome {
  /** The receiver's HTTP status, or null when no answer came (refused, timed out, reset). */
  status: number | null;
  /** What went wrong, for the delivery log; null on a 2xx. */
  error: string | null;
}

export interface SendOptions {
  timeoutMs: number;
  policy: EndpointPolicy;
  /** Aborts the request (the worker is stopping). */
  signal?: AbortSignal;
}

const USER_AGENT = 'Folio-Webhooks/1';

/**
 * One POST. Redirects are not followed (a 3xx is a failure): following one could lead the
 * request to an address the policy never checked. The connection's address comes from the
 * policy's lookup, so it is checked at delivery time, not only when the endpoint was saved.
 */
export async function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: SendOptions,
): Promise<SendOutcome> {
  let target: URL;
  try {
    target = options.policy.parse(url);
  } catch (error) {
    return { status: null, error: (error as Error).message };
  }
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise<SendOutcome>((resolve) => {
    const request = transport.request(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': USER_AGENT,
        },
        lookup: options.policy.lookup as never,
        signal: options.signal,
        agent: false,
      },
      (response) => {
        // The body is not needed; reading it lets the socket close cleanly.
        response.resume();
        const status = response.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        resolve({ status, error: ok ? null : `HTTP ${status}` });
      },
    );
    const timer = setTimeout(
      () => request.destroy(new Error(`no answer within ${options.timeoutMs / 1000} s`)),
      options.timeoutMs,
    );
    request.once('close', () => clearTimeout(timer));
    request.once('error', (error) => {
      clearTimeout(timer);
      resolve({ status: null, error: describe(error) });
    });
    request.end(body);
  });
}

function describe(error: Error & { code?: string }): string {
  const text = error.code && !error.message.includes(error.code) ? `${error.code}: ` : '';
  return `${text}${error.message}`.slice(0, 500);
}
