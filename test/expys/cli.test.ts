import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type Spawned, spawnTs, waitForHttp } from '../support/processes';
import { ExpysClient } from './client';
import { Receiver } from './receiver';

async function run(entry: string, args: string[], env: Record<string, string>) {
  const spawned = spawnTs(entry, args, env);
  const code = await new Promise<number | null>((resolve) => spawned.child.once('exit', resolve));
  return { code, output: spawned.output() };
}

describe('npm start prints demo Expys keys; npm run integration adds keys; real HTTP with the Expys client', () => {
  let server: Spawned;
  let env: Record<string, string>;
  let base: string;
  const receiver = new Receiver();
  const cli = (...args: string[]) => run('src/cli/integration.ts', args, env);

  beforeAll(async () => {
    await receiver.start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'rb-expys-cli-')),
      LOCAL_AUTH_SECRET: 'expys-cli-secret-0123456789-abcdefghij',
      LOG_LEVEL: 'warn',
      SCHEDULER: 'off',
      EXPYS_WEBHOOK_INTERVAL_MS: '100',
    };
    server = spawnTs('src/server/main.ts', [], env);
    await waitForHttp(`${base}/health`, server, 60_000);
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await receiver.stop();
  });

  it('the first start creates a live and a sandbox demo integration and prints their keys once', async () => {
    await expect.poll(() => server.output(), { timeout: 10_000 }).toContain('Expys API');
    const out = server.output();
    expect(out).toMatch(/expys live\s+demo-expys: expys_live_[\w-]+ {2}\(demo data; demo user demo-user\)/);
    expect(out).toMatch(
      /expys sandbox\s+demo-expys-sandbox: expys_sandbox_[\w-]+ {2}\(demo data; demo user alice\)/,
    );
    const key = /demo-expys: (expys_live_[\w-]+)/.exec(out)?.[1] ?? '';
    const demo = new ExpysClient({ baseUrl: `${base}/expys`, token: key });
    const grant = await demo.exchange({ externalUserID: 'demo-user' });
    expect(grant.status).toBe(200);
    const wallet = await demo.withToken(grant.data.accessToken).wallet();
    expect(wallet.data.balance).toBe(150);
  });

  it('add expys prints a new key once; it works over HTTP; list shows it, never the key', async () => {
    const added = await cli('add', 'expys', '--name', 'partner-sbx', '--environment', 'sandbox');
    expect(added.code).toBe(0);
    const key = /key\s+(expys_sandbox_[\w-]+)/.exec(added.output)?.[1] ?? '';
    expect(key).not.toBe('');
    expect(added.output).toContain('shown once');
    const listed = await cli('list');
    expect(listed.output).toMatch(/partner-sbx\s+expys\s+sandbox\s+points/);
    expect(listed.output).not.toContain(key);

    const partner = new ExpysClient({ baseUrl: `${base}/expys`, token: key });
    expect(
      (await partner.setMember('carol', { attributes: { email: 'carol@sandbox.example' } })).status,
    ).toBe(200);
    const hook = await partner.registerWebhook({ url: receiver.url, events: ['redemption.created'] });
    expect(hook.status).toBe(201);
    const carol = partner.withToken((await partner.exchange({ externalUserID: 'carol' })).data.accessToken);
    const offer = (await carol.listOffers({ available: true })).data.data[0];
    const created = await carol.createRedemption({ offer: offer?.id ?? '' }, 'cli-redeem-0001');
    expect(created.status).toBe(201);
    // The server's webhook worker delivers it on its own.
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(1);
    const [delivery] = receiver.received;
    const signature = `sha256=${createHmac('sha256', hook.data.signingSecret ?? '')
      .update(delivery?.body ?? '')
      .digest('hex')}`;
    expect(delivery?.headers['x-expys-signature']).toBe(signature);
  });

  it('--key brings a deployment’s own key; bad keys and environments are refused', async () => {
    const own = `expys_live_${'k'.repeat(32)}`;
    const added = await cli(
      'add',
      'expys',
      '--name',
      'own-key',
      '--environment',
      'live',
      '--key',
      own,
      '--currency',
      'tokens',
    );
    expect(added.code).toBe(0);
    expect(added.output).toContain('(live, tokens)');
    const offers = await new ExpysClient({ baseUrl: `${base}/expys`, token: own }).listOffers();
    expect(offers.data.data[0]?.type).toBe('tokens');
    const mismatch = await cli('add', 'expys', '--name', 'x1', '--environment', 'sandbox', '--key', own);
    expect(mismatch.code).toBe(1);
    expect((await cli('add', 'expys', '--name', 'x2', '--environment', 'live', '--key', 'short')).code).toBe(
      1,
    );
    expect((await cli('add', 'expys', '--name', 'x3')).code).toBe(1);
  });
});
