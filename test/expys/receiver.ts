import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: Record<string, string>;
  /** The raw body, exactly as sent (what the signature covers). */
  body: string;
}

/** A real HTTP receiver on 127.0.0.1 that can be stopped and started again on the same port. */
export class Receiver {
  readonly received: Received[] = [];
  #server: Server | undefined;
  #port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.#port}/hooks`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
        );
        this.received.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(this.#port, '127.0.0.1', resolve));
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  events(): { type: string; data: Record<string, unknown>; id: string; delivery: string }[] {
    return this.received.map((r) => {
      const body = JSON.parse(r.body) as { id: string; type: string; data: Record<string, unknown> };
      return { type: body.type, data: body.data, id: body.id, delivery: r.headers['x-expys-delivery'] ?? '' };
    });
  }
}
