import { mkdtempSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWixClients } from '../../src/wix/clients';
import { freePort, runTs, type Spawned, spawnTs, waitForHttp } from '../support/processes';

type Json = Record<string, unknown>;

/** A request to the local Wix, with the Authorization header given (or none). */
async function wixCall(url: string, authorization: string | null, body?: unknown, method = 'POST') {
  const res = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(authorization !== null ? { authorization } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, json: (text ? JSON.parse(text) : {}) as Json };
}

// The local Wix embedded in `npm start` (mounted at /_wix on the app's port) authenticates like Wix.
describe('the embedded local Wix behind `npm start`', () => {
  let server: Spawned;
  let env: Record<string, string>;
  let base = '';
  let admin = '';
  let member = '';

  beforeAll(async () => {
    env = {
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'rb-wix-auth-')),
      LOG_LEVEL: 'warn',
      SCHEDULER: 'off',
      EXPYS_WEBHOOK_INTERVAL_MS: '0',
    };
    base = `http://127.0.0.1:${env.PORT}`;
    server = spawnTs('src/server/main.ts', [], env);
    await waitForHttp(`${base}/health`, server, 90_000);
    // The tokens tests and tools use: printed by the CLI, issued by the running server's local Wix.
    const minted = await Promise.all([
      runTs('src/cli/token.ts', ['--admin'], env),
      runTs('src/cli/token.ts', ['--member', 'demo-member'], env),
    ]);
    for (const m of minted) expect(m.code, m.stderr).toBe(0);
    [admin, member] = minted.map((m) => m.stdout.trim()) as [string, string];
  }, 180_000);
  afterAll(() => server?.stop());

  const wix = (path: string) => `${base}/_wix${path}`;

  async function demoPool(): Promise<{ id: string; available: string }> {
    const pools = await wixCall(wix('/benefit-programs/v1/pools/query'), `Bearer ${admin}`, {
      query: { filter: { 'beneficiary.memberId': 'demo-member', status: 'ACTIVE' } },
    });
    expect(pools.status).toBe(200);
    const id = String((pools.json.pools as Json[])[0]?.id);
    const balance = await wixCall(
      wix(`/benefit-programs/v1/balances/${id}?poolId=${id}`),
      admin,
      undefined,
      'GET',
    );
    expect(balance.status).toBe(200);
    return { id, available: String(((balance.json.balance as Json).amount as Json).available) };
  }

  it('refuses a call without a valid credential with 401 and changes nothing', async () => {
    const before = await demoPool();
    const credit = {
      poolId: before.id,
      idempotencyKey: 'intruder-credit',
      type: 'ADJUST',
      adjustOptions: { value: '1000' },
    };
    for (const authorization of [
      null,
      '',
      'Bearer nonsense',
      'app-elevated',
      `Bearer ${admin.slice(0, -6)}AAAAAA`,
    ]) {
      const res = await wixCall(
        wix(`/benefit-programs/v1/balances/${before.id}/change`),
        authorization,
        credit,
      );
      expect(res.status, String(authorization)).toBe(401);
      expect(res.json).toMatchObject({ details: { applicationError: { code: 'UNAUTHENTICATED' } } });
    }
    // A member's own token is a credential, but not for crediting balances.
    expect(
      (await wixCall(wix(`/benefit-programs/v1/balances/${before.id}/change`), member, credit)).status,
    ).toBe(403);
    expect((await demoPool()).available).toBe(before.available);

    const contacts = await wixCall(wix('/contacts/v4/contacts/query'), null, { query: {} });
    expect(contacts.status).toBe(401);
    expect(contacts.text).not.toContain('@example.com');
    const members = await wixCall(wix('/members/v1/members/query'), 'Bearer nonsense', { query: {} });
    expect(members.status).toBe(401);

    const fault = { kind: 'unavailable', path: '/benefit-programs', times: 0 };
    expect((await wixCall(wix('/_emulator/faults'), null, fault)).status).toBe(401);
    expect((await wixCall(wix('/_emulator/members'), null, { id: 'x', email: 'x@example.com' })).status).toBe(
      401,
    );
    expect((await wixCall(wix('/_emulator/login'), null, { userId: 'me' })).status).toBe(401);
    // No fault was switched on: the member's web method still reaches Benefit Programs.
    const balance = await wixCall(`${base}/web-methods/benefits/getMyTokenBalance`, `Bearer ${member}`, {
      args: [],
    });
    expect(balance.status).toBe(200);
  });

  it('takes the admin token from `npm run -s token -- --admin` on /_wix/_emulator/faults', async () => {
    const { id } = await demoPool();
    const fault = { kind: 'unavailable', path: `/benefit-programs/v1/balances/${id}`, times: 0 };
    expect((await wixCall(wix('/_emulator/faults'), `Bearer ${admin}`, fault)).status).toBe(200);
    const faulted = await wixCall(
      wix(`/benefit-programs/v1/balances/${id}?poolId=${id}`),
      admin,
      undefined,
      'GET',
    );
    expect(faulted.status).toBe(503);
    expect((await wixCall(wix('/_emulator/faults'), `Bearer ${admin}`, undefined, 'DELETE')).status).toBe(
      200,
    );
    expect((await demoPool()).id).toBe(id);
  });

  it('answers token-info for its tokens in Wix’s shape, 401 for anything else', async () => {
    const info = await wixCall(wix('/oauth2/token-info'), null, { token: member });
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({ active: true, subjectType: 'MEMBER', subjectId: 'demo-member' });
    for (const field of ['instanceId', 'clientId', 'siteId']) expect(typeof info.json[field]).toBe('string');
    expect(Number(info.json.exp)).toBeGreaterThan(Number(info.json.iat));
    expect((await wixCall(wix('/oauth2/token-info'), null, { token: admin })).json).toMatchObject({
      subjectType: 'USER',
    });
    expect((await wixCall(wix('/oauth2/token-info'), null, { token: 'nonsense' })).status).toBe(401);

    const wrongSecret = await wixCall(wix('/oauth2/token'), null, {
      grant_type: 'client_credentials',
      client_id: info.json.clientId,
      client_secret: 'guessed',
      instance_id: info.json.instanceId,
    });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.text).not.toContain('access_token');
  });

  it('`npm run -s token` refuses a member the local Wix does not know', async () => {
    const res = await runTs('src/cli/token.ts', ['--member', 'nobody-signed-up'], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/No site member nobody-signed-up/);
  }, 60_000);
});

// `npm run emulator`: a local Wix over HTTP that server processes reach as their app, exactly like Wix.
describe('the standalone local Wix (`npm run emulator`)', () => {
  const APP = { appId: 'standalone-app', appSecret: 'standalone-secret-0123456789', instanceId: 'inst-1' };
  let emulator: Spawned;
  let port = 0;

  beforeAll(async () => {
    port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'rb-wix-standalone-'));
    emulator = spawnTs('src/cli/emulator.ts', ['--port', String(port), '--file', join(dir, 'wix.sqlite')], {
      WIX_APP_ID: APP.appId,
      WIX_APP_SECRET: APP.appSecret,
      WIX_APP_INSTANCE_ID: APP.instanceId,
      HOST: '0.0.0.0',
    });
    await waitForHttp(`http://127.0.0.1:${port}/health`, emulator, 60_000);
  }, 90_000);
  afterAll(() => emulator?.stop());

  it('listens on loopback only, whatever HOST says', async () => {
    expect(emulator.output()).toContain(`local Wix listening on http://127.0.0.1:${port}`);
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a?.address);
    for (const address of external) {
      await expect(
        fetch(`http://${address}:${port}/health`, { signal: AbortSignal.timeout(3000) }),
      ).rejects.toThrow();
    }
  });

  it('serves the app through AppStrategy with its credentials, and nobody without them', async () => {
    const target = { kind: 'app' as const, ...APP, baseUrl: `http://127.0.0.1:${port}` };
    const intruder = createWixClients({ ...target, appSecret: 'wrong-secret' });
    try {
      // AppStrategy's token exchange is refused (401), so the call never happens.
      await expect(
        intruder.elevated.programDefinitions.createProgramDefinition({
          displayName: 'Intruder',
          namespace: 'rewards_bridge',
          externalId: 'intruder-1',
        }),
      ).rejects.toMatchObject({ code: 'UNKNOWN' });
    } finally {
      intruder.close();
    }

    const app = createWixClients(target);
    try {
      const created = await app.elevated.programDefinitions.createProgramDefinition({
        displayName: 'Standalone',
        namespace: 'rewards_bridge',
        externalId: 'standalone-1',
      });
      expect(created._id).toBeTruthy();
      const all = await app.elevated.programDefinitions.queryProgramDefinitions().find();
      expect(all.items.map((d) => d.externalId)).toEqual(['standalone-1']);
    } finally {
      app.close();
    }

    const open = await wixCall(
      `http://127.0.0.1:${port}/_api/benefit-programs/v1/program-definitions/query`,
      null,
      {
        query: {},
      },
    );
    expect(open.status).toBe(401);
  });
});
