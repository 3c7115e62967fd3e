import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
}

/** What to answer a request with: a status, or 'hold' to keep it open until close(). */
export type Answer = number | 'hold';

/**
 * A real HTTP receiver on a free port of 127.0.0.1 that records what it is sent. Answers come
 * from `answers` in order, then `otherwise`. Tests wait for requests with next(), never a timer.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answers: Answer[] = [];
  otherwise: Answer = 200;
  private readonly waiting: Array<(request: ReceivedWebhook) => void> = [];
  private readonly held: ServerResponse[] = [];
  private consumed = 0;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
    return this;
  }

  /** The next request not yet taken by next(), waiting for it if need be. */
  next(): Promise<ReceivedWebhook> {
    const index = this.consumed++;
    const ready = this.received[index];
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Drops held requests' connections, as a receiver that went away would. */
  releaseHeld(): void {
    for (const res of this.held.splice(0)) res.socket?.destroy();
  }

  async close(): Promise<void> {
    this.releaseHeld();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = {
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([name, value]) => [name, String(value)]),
      ),
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.received.push(request);
    const answer = this.answers.shift() ?? this.otherwise;
    if (answer === 'hold') this.held.push(res);
    else res.writeHead(answer, { 'content-type': 'text/plain' }).end('ok');
    const waiter = this.waiting.shift();
    if (waiter) waiter(request);
  }
}
