import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

export interface Listening {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

/** Serves `fetch` with @hono/node-server (as src/server/main.ts does) on a free loopback port. */
export function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            (server as Server).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
    server.once('error', reject);
  });
}

/** The baseline: bare Hono answering a JSON POST on /x, nothing else. */
export function bareHono(): Hono {
  return new Hono().post('/x', (c) => c.json({ ok: true }));
}
