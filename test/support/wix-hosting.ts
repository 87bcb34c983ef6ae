import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '@wix/sdk';

type ContextHolder = { __wix_context__?: unknown };

/**
 * Registers the process-wide Wix context the way Wix hosting does before it runs a web method: a real
 * @wix/sdk client whose auth strategy answers with the caller's Authorization header. Returns a function
 * that puts back whatever context was there before.
 */
export function registerHostedCaller(authorization: string): () => void {
  const holder = globalThis as ContextHolder;
  const previous = holder.__wix_context__;
  holder.__wix_context__ = undefined;
  createClient({
    auth: { getAuthHeaders: async () => ({ headers: { Authorization: authorization } }) },
  }).enableContext('global');
  return () => {
    holder.__wix_context__ = previous;
  };
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface Backend {
  url: string;
  requests: RecordedRequest[];
  /** How the next requests are answered (default: `{"result": null}`). */
  answer(fn: (request: RecordedRequest) => Answer): void;
  close(): Promise<void>;
}

/** A stand-in for this server's web-method endpoint on loopback: records requests, answers as told. */
export async function startRecordingBackend(): Promise<Backend> {
  const requests: RecordedRequest[] = [];
  let answer = (_: RecordedRequest): Answer => ({ status: 200, body: '{"result":null}' });
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      requests.push(recorded);
      const { status, body: text, headers } = answer(recorded);
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer(fn) {
      answer = fn;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
