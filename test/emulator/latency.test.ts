import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runTs, type Spawned, spawnTs, waitForHttp } from '../support/processes';

const APP = {
  WIX_APP_ID: 'latency-app',
  WIX_APP_SECRET: 'latency-secret-0123456789',
  WIX_APP_INSTANCE_ID: 'latency-inst',
};
const MEAN = 150;
const JITTER = 50;

/** One timed request to the local Wix: how long it took and its status. */
async function timed(url: string, body?: unknown): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  await res.arrayBuffer();
  return { ms: performance.now() - started, status: res.status };
}

// `LOCAL_WIX_DELAY_MS=150 LOCAL_WIX_DELAY_JITTER_MS=50 npm run emulator`: each Wix call as slow as Wix's REST API.
describe('the local Wix with a per-call delay', () => {
  let emulator: Spawned;
  let base = '';

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const dir = mkdtempSync(join(tmpdir(), 'rb-wix-latency-'));
    emulator = spawnTs('src/cli/emulator.ts', ['--port', String(port), '--file', join(dir, 'wix.sqlite')], {
      ...APP,
      LOCAL_WIX_DELAY_MS: String(MEAN),
      LOCAL_WIX_DELAY_JITTER_MS: String(JITTER),
    });
    await waitForHttp(`${base}/health`, emulator, 60_000);
  }, 90_000);
  afterAll(() => emulator?.stop());

  it('says so on start, and every Wix call, the token exchange too, waits at least mean - jitter', async () => {
    expect(emulator.output()).toContain(`each Wix call waits ${MEAN} ± ${JITTER} ms`);
    const token = {
      grant_type: 'client_credentials',
      client_id: APP.WIX_APP_ID,
      client_secret: APP.WIX_APP_SECRET,
      instance_id: APP.WIX_APP_INSTANCE_ID,
    };
    const calls = await Promise.all(Array.from({ length: 5 }, () => timed(`${base}/oauth2/token`, token)));
    for (const call of calls) {
      expect(call.status).toBe(200);
      expect(call.ms).toBeGreaterThanOrEqual(MEAN - JITTER);
    }
    // Refused calls wait too: the delay is Wix's network and processing, whatever the answer.
    const refused = await timed(`${base}/_api/benefit-programs/v1/program-definitions/query`, {});
    expect(refused.status).toBe(401);
    expect(refused.ms).toBeGreaterThanOrEqual(MEAN - JITTER);
  });

  it('refuses a jitter larger than the delay, naming the variable', async () => {
    const res = await runTs('src/cli/emulator.ts', ['--port', '0'], {
      ...APP,
      LOCAL_WIX_DELAY_MS: '10',
      LOCAL_WIX_DELAY_JITTER_MS: '20',
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('LOCAL_WIX_DELAY_JITTER_MS must be at most LOCAL_WIX_DELAY_MS');
  }, 60_000);
});

describe('the local Wix delay changed while it serves', () => {
  let emulator: Spawned;
  let base = '';

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const dir = mkdtempSync(join(tmpdir(), 'rb-wix-latency-dial-'));
    emulator = spawnTs(
      'src/cli/emulator.ts',
      ['--port', String(port), '--file', join(dir, 'wix.sqlite')],
      APP,
    );
    await waitForHttp(`${base}/health`, emulator, 60_000);
  }, 90_000);
  afterAll(() => emulator?.stop());

  const appToken = async () => {
    const res = await fetch(`${base}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: APP.WIX_APP_ID,
        client_secret: APP.WIX_APP_SECRET,
        instance_id: APP.WIX_APP_INSTANCE_ID,
      }),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const dial = (token: string | null, body: unknown) =>
    fetch(`${base}/_emulator/latency`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) },
      body: JSON.stringify(body),
    });

  it('PUT /_emulator/latency turns the delay on and off; a bad one is refused, a caller without a token too', async () => {
    const token = await appToken();
    expect((await dial(null, { meanMs: MEAN, jitterMs: 0 })).status).toBe(401);
    expect((await dial(token, { meanMs: 10, jitterMs: 20 })).status).toBe(400);

    const on = await dial(token, { meanMs: MEAN, jitterMs: 0 });
    expect(await on.json()).toEqual({ latency: { meanMs: MEAN, jitterMs: 0 } });
    expect((await timed(`${base}/oauth2/token`, {})).ms).toBeGreaterThanOrEqual(MEAN);
    // Its own helpers do not wait.
    const read = await fetch(`${base}/_emulator/latency`, { headers: { authorization: token } });
    expect(await read.json()).toEqual({ latency: { meanMs: MEAN, jitterMs: 0 } });

    expect(await (await dial(token, null)).json()).toEqual({ latency: null });
    expect((await timed(`${base}/oauth2/token`, {})).ms).toBeLessThan(MEAN);
  });
});
