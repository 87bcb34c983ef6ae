import { gzipSync } from 'node:zlib';
import { type Http2Bindings, type HttpBindings, type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock';
import { createEmulator, type Emulator } from '../../src/emulator/app';
import { createBenefitProgramsGateway } from '../../src/wix/benefit-programs-gateway';
import { createWixClients, type WixClients } from '../../src/wix/clients';

// A Wix served over HTTP is reached through the app's own transport (undici's request, not Node's fetch).
// The real SDK drives it against a local Wix behind a front that can answer as a real server may:
// gzip-encoded, not at all, or with its connection cut.
type Mode = 'plain' | 'gzip' | 'stall' | 'cut';

let emulator: Emulator;
let server: ServerType;
let wix: WixClients;
let mode: Mode = 'plain';
const seen: Request[] = [];

beforeAll(async () => {
  emulator = createEmulator({ clock: new ManualClock() });
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: front, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
  wix = createWixClients(
    { kind: 'app', ...emulator.credentials, baseUrl: `http://127.0.0.1:${port}` },
    { callTimeoutMs: 400 },
  );
});

afterAll(async () => {
  wix.close();
  await new Promise((resolve) => server.close(resolve));
  emulator.close();
});

beforeEach(() => {
  mode = 'plain';
  seen.length = 0;
});

async function front(request: Request, env: HttpBindings | Http2Bindings): Promise<Response> {
  seen.push(request.clone());
  const toWix = !request.url.includes('/oauth2/');
  if (mode === 'stall' && toWix) return new Promise<Response>(() => {});
  if (mode === 'cut' && toWix) {
    env.incoming.socket.destroy();
    return new Promise<Response>(() => {});
  }
  const res = await emulator.fetch(request);
  if (mode !== 'gzip') return res;
  const headers = new Headers(res.headers);
  headers.set('content-encoding', 'gzip');
  headers.delete('content-length');
  return new Response(gzipSync(Buffer.from(await res.arrayBuffer())), { status: res.status, headers });
}

const gateway = () =>
  createBenefitProgramsGateway(
    ((fn: Parameters<WixClients['elevated']['use']>[0]) => wix.elevated.use(fn)) as unknown as Parameters<
      typeof createBenefitProgramsGateway
    >[0],
    'rewards_bridge',
  );

describe('Wix over HTTP', () => {
  it("sends the SDK's request as the SDK built it: method, path, JSON body, the app's token", async () => {
    await wix.elevated.balances
      .changeBalance('no-such-pool', 'idem-1', {
        type: 'ADJUST',
        adjustOptions: { value: '1' },
      })
      .catch(() => undefined);
    const call = seen.find((r) => r.url.includes('/balances/no-such-pool/change'));
    expect(call?.method).toBe('POST');
    expect(call?.headers.get('authorization')).toMatch(/\S{20,}/);
    expect(await call?.json()).toMatchObject({ idempotencyKey: 'idem-1', adjustOptions: { value: '1' } });
  });

  it('reads answers and errors alike, plain or gzip-encoded', async () => {
    for (const each of ['plain', 'gzip'] as const) {
      mode = each;
      const { balances } = await wix.elevated.balances.listBalances();
      expect(balances).toEqual([]);
      await expect(gateway().getBalance('no-such-pool')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('answers as fetch would: status, headers, a body read once (a clone reads it again)', async () => {
    mode = 'gzip';
    const res = await wix.fetch('https://www.wixapis.com/health', {});
    expect(res).toMatchObject({ ok: true, status: 200, bodyUsed: false });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const copy = res.clone();
    const body = await res.json();
    expect(body).toEqual({ ok: true });
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toThrow(TypeError);
    expect(copy.body).toBeInstanceOf(ReadableStream);
    expect(await copy.json()).toEqual(body);
    expect(copy.bodyUsed).toBe(true);
  });

  it('abandons a call Wix does not answer at its deadline', async () => {
    mode = 'stall';
    const started = Date.now();
    await expect(gateway().getBalance('any-pool')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('fails a call whose connection Wix cuts, as fetch does, and goes on afterwards', async () => {
    mode = 'cut';
    const failure = await wix.elevated.balances.listBalances().catch((err: unknown) => err);
    // fetch's contract: a network failure is a TypeError whose cause says what broke.
    expect(failure).toBeInstanceOf(TypeError);
    expect(failure).toMatchObject({ cause: { message: 'other side closed' } });
    await expect(gateway().getBalance('any-pool')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    mode = 'plain';
    await expect(wix.elevated.balances.listBalances()).resolves.toMatchObject({ balances: [] });
  });
});
