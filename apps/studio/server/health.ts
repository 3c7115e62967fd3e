// Health checks for load balancers and compose: live while the process answers; ready while it
// is not draining and the API it needs says it is ready.
import { Router } from 'express';

export function healthRoutes({
  apiUrl,
  draining,
  timeoutMs = 2_000,
}: {
  /** The API's GraphQL URL; its /health/ready is asked. */
  apiUrl: string;
  /** True once SIGTERM came: the load balancer should send no more requests. */
  draining: () => boolean;
  timeoutMs?: number;
}): Router {
  const router = Router();
  const apiReady = new URL('/health/ready', apiUrl);
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    if (draining()) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    try {
      const response = await fetch(apiReady, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) throw new Error(`API ready check answered ${response.status}`);
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'API unreachable' });
    }
  });
  return router;
}
