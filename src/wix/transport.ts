import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Agent, request } from 'undici';
import { BufferedResponse } from './buffered-response';

/**
 * The fetch the SDK's Wix calls go out through from a Node server: undici's `request` on a keep-alive agent,
 * answered with the whole body read (`BufferedResponse`). Node's `fetch` is the same HTTP client under WHATWG
 * streams, a cloned `Request` and a transferable body per call; measured under 50 concurrent calls that each
 * wait 80 ms, that machinery doubles the CPU a call costs its caller (≈ 1.0 against ≈ 0.45 ms), and a
 * server waiting on Wix is bound by exactly that. The SDK reads only status, headers and the JSON body.
 *
 * Kept from fetch: the caller's abort signal (rejecting with its reason), a network failure as
 * `TypeError('fetch failed', { cause })`, a body decoded by its Content-Encoding. Not followed: redirects
 * (Wix's REST API does not redirect; a 3xx reaches the SDK as the error it is). Anything but a string or
 * URL with a string or byte body goes to the global fetch unchanged.
 */
export function createWixTransport(): typeof fetch {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  return async (input, init) => {
    const body = init?.body;
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
    if (url === undefined || !(body == null || typeof body === 'string' || body instanceof Uint8Array)) {
      return fetch(input, init);
    }
    const signal = init?.signal ?? undefined;
    try {
      const res = await request(url, {
        dispatcher: agent,
        method: (init?.method ?? 'GET').toUpperCase() as 'GET',
        headers: plainHeaders(init?.headers),
        body: body ?? undefined,
        signal,
      });
      const bytes = Buffer.from(await res.body.arrayBuffer());
      const headers = responseHeaders(res.headers);
      const answer = NULL_BODY.has(res.statusCode) ? null : decoded(bytes, headers);
      return new BufferedResponse(answer, res.statusCode, res.statusText, headers, url);
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw new TypeError('fetch failed', { cause: err });
    }
  };
}

/** Statuses a `Response` may not carry a body with. */
const NULL_BODY = new Set([101, 204, 205, 304]);

function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(new Headers(headers));
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    // The SDK spreads optional header groups: an absent one is no header, as fetch would not send "undefined".
    if (value !== undefined) plain[name] = String(value);
  }
  return plain;
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/** The body as fetch hands it over: without its Content-Encoding (none is asked for; a server may send one). */
function decoded(bytes: Buffer, headers: Headers): Buffer {
  if (bytes.length === 0) return bytes;
  switch (headers.get('content-encoding')?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(bytes);
    case 'deflate':
      return inflateSync(bytes);
    case 'br':
      return brotliDecompressSync(bytes);
    default:
      return bytes;
  }
}
