import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';

const MB = 1024 * 1024;
const CHUNK = 64 * 1024;

/** A 2 MB JSON body sent as a stream with no declared length; counts how much of it was ever read. */
function streamedBody(bytes: number) {
  const read = { bytes: 0 };
  const head = new TextEncoder().encode('{"args":["');
  let sent = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= bytes) {
          controller.close();
          return;
        }
        const chunk = sent === 0 ? head : new Uint8Array(CHUNK).fill(0x61);
        sent += chunk.length;
        read.bytes += chunk.length;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { body, read };
}

let app: TestApp;
let admin: string;
beforeEach(async () => {
  app = await startTestApp({ env: { EXPYS_SANDBOX_STORAGE: 'memory' } });
  admin = await app.adminToken();
});
afterEach(() => app.close());

const post = (
  path: string,
  body: string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
) =>
  app.running.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);

describe('request bodies are capped on every surface', () => {
  it('the web-method host refuses a declared 2 MB body with 413 PAYLOAD_TOO_LARGE', async () => {
    const huge = JSON.stringify({ args: [{ memberId: 'x'.repeat(2 * MB) }] });
    const res = await post('/web-methods/dashboard/getMemberOverview', huge, {
      authorization: `Bearer ${admin}`,
      'content-length': String(Buffer.byteLength(huge)),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('the web-method host stops reading a streamed body once it passes the limit', async () => {
    const { body, read } = streamedBody(2 * MB);
    const res = await post('/web-methods/dashboard/getMemberOverview', body, {
      authorization: `Bearer ${admin}`,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    // Refused early: most of the 2 MB was never pulled from the client.
    expect(read.bytes).toBeLessThan(MB);
  });

  it('a body under the limit still runs the method', async () => {
    const res = await post(
      '/web-methods/dashboard/getMemberOverview',
      JSON.stringify({ args: [{ memberId: 'nobody' }] }),
      { authorization: `Bearer ${admin}` },
    );
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('webhooks, Expys and BonifiQ answer the same code in their own shape', async () => {
    const huge = 'x'.repeat(2 * MB);
    const webhook = await post('/webhooks/gym/gym-visits', huge);
    expect(webhook.status).toBe(413);
    expect(await webhook.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });

    const expys = await post('/expys/v1/redemptions', huge, { authorization: 'Bearer expys_live_x' });
    expect(expys.status).toBe(413);
    expect(await expys.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });

    const bonifiq = await post('/bonifiq/v1/pvt/POS/orders', huge, { authorization: 'Basic eDp4' });
    expect(bonifiq.status).toBe(413);
    expect(await bonifiq.json()).toMatchObject({ Code: '94', CodeName: 'PayloadTooLarge', HasError: true });
  });
});
