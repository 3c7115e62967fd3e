// Runs the Remix build behind express 5, streaming each page as app/entry.server.tsx renders
// it. The conversion follows @remix-run/express (which supports express 4 only): Studio's pages
// are per-user and never cached, so unlike the reader's server nothing is buffered here.
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from '@remix-run/node';
import type {
  Request as ExpressRequest,
  RequestHandler,
  Response as ExpressResponse,
} from 'express';

export function remixHandler({
  build,
  mode,
}: {
  build: ServerBuild;
  mode: string;
}): RequestHandler {
  const handle = createRequestHandler(build, mode);
  return async (req, res, next) => {
    try {
      const response = await handle(toFetchRequest(req, res), {
        // The browser's address (right behind a load balancer with TRUST_PROXY), forwarded to
        // the API for its per-address sign-in limit; the request id, so the API's log lines
        // for this page carry Studio's id.
        clientAddress: req.ip,
        requestId: res.locals.requestId,
      });
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

function toFetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
  // req.host keeps the port and follows "trust proxy" (X-Forwarded-Host) in express 5.
  // Joined, not resolved: a path such as //other.example/x must stay a path on this host.
  const href = `${req.protocol}://${req.host}${req.originalUrl}`;
  // A Host header no URL can be made of is the client's mistake, not ours.
  if (!URL.canParse(href))
    throw Object.assign(new Error('unusable Host header'), { status: 400, expose: true });
  const headers = new Headers();
  for (const [name, values] of Object.entries(req.headers)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(name, value);
  }
  // Loaders and actions stop when the browser goes away before the answer is sent.
  const controller = new AbortController();
  let answered = false;
  res.on('finish', () => (answered = true));
  res.on('close', () => {
    if (!answered) controller.abort();
  });
  const init: RequestInit & { duplex?: 'half' } = {
    method: req.method,
    headers,
    signal: controller.signal,
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = 'half';
  }
  return new Request(href, init);
}

async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue;
    res.append(name, value);
  }
  // Several cookies (session and CSRF) must stay several headers.
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
