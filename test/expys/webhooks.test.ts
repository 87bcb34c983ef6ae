import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store';
import type { ExpysClient, Offer } from './client';
import { Receiver } from './receiver';
import { type ExpysTestApp, startExpysApp } from './support';

/** What a receiver does, from the Expys docs: HMAC-SHA256 of the raw body with the signing secret. */
function verify(secret: string, body: string, header: string | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const ALL_EVENTS = [
  'redemption.created',
  'redemption.open',
  'redemption.awaiting_vendor',
  'redemption.awaiting_customer',
  'redemption.purchased',
  'redemption.completed',
  'redemption.canceled',
  'wallet.credited',
  'wallet.debited',
];

async function fiveOff(client: ExpysClient): Promise<Offer> {
  const offers = await client.listOffers({ limit: 100 });
  const offer = offers.data.data.find((o) => o.title === '$5 off');
  if (!offer) throw new Error('no $5 off offer');
  return offer;
}

describe('Expys outbound webhooks (sandbox → a local receiver)', () => {
  let app: ExpysTestApp;
  let server: ExpysClient;
  let alice: ExpysClient;
  let secret: string;
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    app = await startExpysApp();
    server = app.client(await app.integration('acme-sandbox', 'sandbox'));
    expect((await server.setMember('alice', { attributes: { email: 'alice@sandbox.example' } })).status).toBe(
      200,
    );
    alice = server.withToken((await server.exchange({ externalUserID: 'alice' })).data.accessToken);
    const registered = await server.registerWebhook({ url: receiver.url, events: ALL_EVENTS });
    expect(registered.status).toBe(201);
    expect(registered.data).toMatchObject({ url: receiver.url, environment: 'SANDBOX' });
    secret = registered.data.signingSecret ?? '';
    expect(secret).toMatch(/^whsec_/);
  });
  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });

  it('the secret is shown once: the list never carries it', async () => {
    const list = await server.listWebhooks();
    expect(list.data.data).toHaveLength(1);
    expect(JSON.stringify(list.data)).not.toContain(secret);
  });

  it('a redemption, each status change and its cancel arrive signed, with event and delivery headers', async () => {
    const created = await alice.createRedemption({ offer: (await fiveOff(alice)).id }, 'wh-redeem-0001');
    expect(created.status).toBe(201);
    const id = created.data.id;
    for (const status of ['OPEN', 'AWAITING_VENDOR', 'PURCHASED']) {
      expect((await server.setRedemptionStatus(id, { status })).status).toBe(200);
    }
    const canceled = await server.setRedemptionStatus(id, {
      status: 'CANCELED',
      reason: 'VENDOR_DECLINED',
      note: 'sold out',
    });
    expect(canceled.data).toMatchObject({
      status: 'CANCELED',
      canceledReason: 'VENDOR_DECLINED',
      canceledNote: 'sold out',
    });
    await app.deliverDue();

    // No order is promised (deliveries go out concurrently and retry independently): sort by event time.
    const events = receiver.events();
    expect(events.map((e) => e.type).sort()).toEqual(
      [
        'redemption.created',
        'wallet.debited',
        'redemption.open',
        'redemption.awaiting_vendor',
        'redemption.purchased',
        'redemption.canceled',
        'wallet.credited',
      ].sort(),
    );
    const of = (type: string) => events.find((e) => e.type === type);
    for (const r of receiver.received) {
      expect(verify(secret, r.body, r.headers['x-expys-signature'])).toBe(true);
      expect(verify(secret, `${r.body} `, r.headers['x-expys-signature'])).toBe(false);
      expect(r.headers['x-expys-event']).toBe(JSON.parse(r.body).type);
      expect(Number(r.headers['x-expys-timestamp'])).toBeGreaterThan(1_700_000_000);
      expect(r.headers['x-expys-delivery']).toMatch(/^dlv_/);
    }
    expect(new Set(events.map((e) => e.delivery)).size).toBe(events.length);
    expect(of('redemption.created')?.data).toMatchObject({
      externalUserID: 'alice',
      redemption: { id, status: 'SUBMITTED' },
    });
    expect(of('wallet.debited')?.data).toMatchObject({
      externalUserID: 'alice',
      amount: 50,
      redemptionID: id,
    });
    expect(of('redemption.open')?.data).toMatchObject({
      previousStatus: 'SUBMITTED',
      redemption: { status: 'OPEN' },
    });
    expect(of('redemption.canceled')?.data).toMatchObject({
      previousStatus: 'PURCHASED',
      redemption: { status: 'CANCELED', canceledReason: 'VENDOR_DECLINED' },
    });
    expect(of('wallet.credited')?.data).toMatchObject({ amount: 50, redemptionID: id, reason: 'refund' });

    // Nothing is sent twice.
    await app.deliverDue();
    expect(receiver.received).toHaveLength(7);
  });

  it('a credit is announced as wallet.credited, once per idempotency key', async () => {
    receiver.received.length = 0;
    await server.creditWallet({ externalUserID: 'alice', amount: 5 }, 'wh-credit-0001');
    await server.creditWallet({ externalUserID: 'alice', amount: 5 }, 'wh-credit-0001');
    await app.deliverDue();
    expect(receiver.events().map((e) => [e.type, e.data.amount])).toEqual([['wallet.credited', 5]]);
  });

  it('receiver down for a while: the delivery is retried with backoff and arrives after it comes back', async () => {
    receiver.received.length = 0;
    await receiver.stop();
    const created = await alice.createRedemption({ offer: (await fiveOff(alice)).id }, 'wh-redeem-0002');
    expect(created.status).toBe(201);
    const first = await app.deliverDue();
    expect(first).toMatchObject({ delivered: 0, failed: 2 });
    // Not due again at once: the next attempt waits (5 s ± jitter, then doubling).
    expect(await app.deliverDue()).toMatchObject({ delivered: 0, failed: 0 });
    app.clock.advance(10_000);
    expect(await app.deliverDue()).toMatchObject({ delivered: 0, failed: 2 });

    await receiver.start();
    app.clock.advance(60_000);
    expect(await app.deliverDue()).toMatchObject({ delivered: 2, failed: 0 });
    expect(
      receiver
        .events()
        .map((e) => e.type)
        .sort(),
    ).toEqual(['redemption.created', 'wallet.debited']);
    for (const r of receiver.received)
      expect(verify(secret, r.body, r.headers['x-expys-signature'])).toBe(true);
  });

  it('a disabled endpoint gets nothing more', async () => {
    receiver.received.length = 0;
    const [endpoint] = (await server.listWebhooks()).data.data;
    expect((await server.deleteWebhook(endpoint?.id ?? '')).data).toEqual({ id: endpoint?.id, ok: true });
    expect((await server.listWebhooks()).data.data[0]?.disabledAt).toEqual(expect.any(String));
    await server.creditWallet({ externalUserID: 'alice', amount: 1 }, 'wh-credit-0002');
    await app.deliverDue();
    expect(receiver.received).toHaveLength(0);
  });
});

describe('Expys outbound webhooks survive a server restart', () => {
  it('events committed before the restart are delivered by the next server', async () => {
    const receiver = new Receiver();
    await receiver.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'rb-expys-restart-'));
    const storeFile = join(dataDir, 'app.sqlite');
    const env = { DATA_DIR: dataDir, EXPYS_SANDBOX_STORAGE: 'file' };

    const before = await startExpysApp({ env, store: await createStore({ sqliteFile: storeFile }) });
    const key = await before.integration('acme-sandbox', 'sandbox');
    const server = before.client(key);
    await server.setMember('bob', { attributes: { email: 'bob@sandbox.example' } });
    const registered = await server.registerWebhook({ url: receiver.url, events: ['redemption.created'] });
    const bob = server.withToken((await server.exchange({ externalUserID: 'bob' })).data.accessToken);
    const created = await bob.createRedemption({ offer: (await fiveOff(bob)).id }, 'restart-redeem-0001');
    expect(created.status).toBe(201);
    await before.close();
    expect(receiver.received).toHaveLength(0);

    const after = await startExpysApp({ env, store: await createStore({ sqliteFile: storeFile }) });
    try {
      // Nobody has called the sandbox since the restart: its outbox on disk is pumped all the same.
      await after.deliverDue();
      expect(receiver.events().map((e) => [e.type, (e.data.redemption as { id: string }).id])).toEqual([
        ['redemption.created', created.data.id],
      ]);
      const [delivery] = receiver.received;
      expect(
        verify(
          registered.data.signingSecret ?? '',
          delivery?.body ?? '',
          delivery?.headers['x-expys-signature'],
        ),
      ).toBe(true);
    } finally {
      await after.close();
      await receiver.stop();
    }
  });
});

describe('Expys webhook registration rules', () => {
  it('live URLs must be https and public; sandbox may use localhost; names must be known; at most 10', async () => {
    const app = await startExpysApp();
    try {
      const live = app.client(await app.integration('acme'));
      for (const url of [
        'http://93.184.216.34/hook',
        'https://127.0.0.1/hook',
        'https://localhost/hook',
        'https://api.localhost/hook',
        'https://10.1.2.3/hook',
        'https://192.168.0.10/hook',
        'https://169.254.169.254/latest',
        'https://[::1]/hook',
        'https://[::ffff:127.0.0.1]/hook',
        'https://user:pass@93.184.216.34/hook',
        'not a url',
      ]) {
        const res = await live.registerWebhook({ url, events: ['redemption.created'] });
        expect(res.status, url).toBe(422);
        expect(res.error?.code, url).toBe('WEBHOOK_URL_NOT_ALLOWED');
      }
      const unknown = await live.registerWebhook({
        url: 'https://93.184.216.34/hook',
        events: ['member.exploded'],
      });
      expect(unknown.error?.code).toBe('WEBHOOK_EVENT_UNKNOWN');
      const ok = await live.registerWebhook({
        url: 'https://93.184.216.34/hook',
        events: ['redemption.created'],
      });
      expect(ok.status).toBe(201);
      expect(ok.data.environment).toBe('LIVE');

      for (let i = 1; i < 10; i++) {
        expect(
          (await live.registerWebhook({ url: `https://93.184.216.34/h${i}`, events: ['wallet.credited'] }))
            .status,
        ).toBe(201);
      }
      const eleventh = await live.registerWebhook({
        url: 'https://93.184.216.34/h11',
        events: ['wallet.credited'],
      });
      expect(eleventh.status).toBe(422);
      expect(eleventh.error?.details).toMatchObject({ reason: 'WEBHOOK_LIMIT_REACHED' });
      await live.deleteWebhook(ok.data.id);
      expect(
        (await live.registerWebhook({ url: 'https://93.184.216.34/h11', events: ['wallet.credited'] }))
          .status,
      ).toBe(201);

      const sandbox = app.client(await app.integration('acme-sandbox', 'sandbox'));
      expect(
        (await sandbox.registerWebhook({ url: 'http://localhost:9/hook', events: ['wallet.debited'] }))
          .status,
      ).toBe(201);
      // Each environment sees only its own endpoints.
      expect((await sandbox.listWebhooks()).data.data).toHaveLength(1);
      expect((await live.listWebhooks()).data.data).toHaveLength(11);
      expect((await sandbox.deleteWebhook(ok.data.id)).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});

describe('Expys live endpoints: IPv6 forms of inside addresses', () => {
  it('loopback and private IPv4 written as IPv6 (mapped, compatible, NAT64, 6to4, Teredo) are refused', async () => {
    const app = await startExpysApp({
      resolveHost: async (host) => (host === 'inside.partner.example' ? ['64:ff9b::a9fe:a9fe'] : []),
    });
    try {
      const live = app.client(await app.integration('acme'));
      for (const url of [
        'https://[::127.0.0.1]/hook',
        'https://[::ffff:7f00:1]/hook',
        'https://[::ffff:10.0.0.1]/hook',
        'https://[::ffff:0:127.0.0.1]/hook',
        'https://[64:ff9b::7f00:1]/hook',
        'https://[64:ff9b::192.168.0.1]/hook',
        'https://[64:ff9b:1::7f00:1]/hook',
        'https://[2002:7f00:1::]/hook',
        'https://[2002:a9fe:a9fe::1]/hook',
        'https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook',
        'https://[::]/hook',
        'https://[fd00::1]/hook',
        'https://[2001:db8::1]/hook',
        'https://inside.partner.example/hook',
      ]) {
        const res = await live.registerWebhook({ url, events: ['redemption.created'] });
        expect(res.status, url).toBe(422);
        expect(res.error?.code, url).toBe('WEBHOOK_URL_NOT_ALLOWED');
      }
      // A public IPv6 address, and a public IPv4 address carried by 6to4, are fine.
      for (const url of ['https://[2606:4700:4700::1111]/hook', 'https://[2002:5db8:d822::1]/hook']) {
        expect((await live.registerWebhook({ url, events: ['redemption.created'] })).status, url).toBe(201);
      }
    } finally {
      await app.close();
    }
  });
});

describe('Expys live deliveries check the host at every send', () => {
  it('a name that points inside by delivery time is refused then: the delivery fails and nothing connects', async () => {
    let connections = 0;
    const trap = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const port = (trap.address() as { port: number }).port;
    const answers = new Map([['hooks.partner.example', ['93.184.216.34']]]);
    const asked: string[] = [];
    const app = await startExpysApp({
      resolveHost: async (host) => {
        asked.push(host);
        return answers.get(host) ?? [];
      },
    });
    try {
      const live = app.client(await app.integration('acme'));
      const registered = await live.registerWebhook({
        url: `https://hooks.partner.example:${port}/hook`,
        events: ['wallet.credited'],
      });
      expect(registered.status).toBe(201);
      await app.user(live, 'ann');

      // The name is rebound to this machine after registration.
      answers.set('hooks.partner.example', ['93.184.216.34', '127.0.0.1']);
      asked.length = 0;
      await live.creditWallet({ externalUserID: 'ann', amount: 5 }, 'live-credit-0001');
      expect(await app.deliverDue()).toMatchObject({ delivered: 0, failed: 1 });
      expect(asked).toEqual(['hooks.partner.example']);

      // Retried later, it is checked again: an IPv6 form of loopback is refused as well.
      answers.set('hooks.partner.example', ['::ffff:7f00:1']);
      app.clock.advance(60_000);
      expect(await app.deliverDue()).toMatchObject({ delivered: 0, failed: 1 });
      expect(asked).toEqual(['hooks.partner.example', 'hooks.partner.example']);
      expect(connections).toBe(0);
    } finally {
      await app.close();
      await new Promise<void>((resolve) => trap.close(() => resolve()));
    }
  });
});

describe('Expys endpoint secrets at rest', () => {
  it('the sandbox store keeps the signing secret sealed and owner-only; deliveries are still signed with it', async () => {
    const receiver = new Receiver();
    await receiver.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'rb-expys-at-rest-'));
    const env = {
      DATA_DIR: dataDir,
      EXPYS_SANDBOX_STORAGE: 'file',
      DATA_ENCRYPTION_KEY: 'expys-at-rest-key-0123456789-abcdefghij',
    };
    const app = await startExpysApp({ env });
    try {
      const server = app.client(await app.integration('acme-sandbox', 'sandbox'));
      await server.setMember('carol', { attributes: { email: 'carol@sandbox.example' } });
      const registered = await server.registerWebhook({ url: receiver.url, events: ['wallet.credited'] });
      const secret = registered.data.signingSecret ?? '';
      expect(secret).toMatch(/^whsec_/);

      const sandboxDb = join(dataDir, 'sandbox.sqlite');
      const db = new Database(sandboxDb, { readonly: true, fileMustExist: true });
      const stored = db.prepare('select secret from webhook_endpoints').all() as { secret: string }[];
      db.close();
      expect(stored).toHaveLength(1);
      expect(stored[0]?.secret).toMatch(/^enc:v1:/);
      expect(stored[0]?.secret).not.toContain(secret.slice('whsec_'.length));
      for (const file of [sandboxDb, `${sandboxDb}-wal`, join(dataDir, 'sandbox-wix.sqlite')]) {
        expect(statSync(file).mode & 0o777, file).toBe(0o600);
        expect(readFileSync(file).includes(secret.slice('whsec_'.length)), file).toBe(false);
      }

      await server.creditWallet({ externalUserID: 'carol', amount: 3 }, 'at-rest-credit-0001');
      await app.deliverDue();
      const [delivery] = receiver.received;
      expect(verify(secret, delivery?.body ?? '', delivery?.headers['x-expys-signature'])).toBe(true);
    } finally {
      await app.close();
      await receiver.stop();
    }
    await expect(
      createStore({
        sqliteFile: join(dataDir, 'sandbox.sqlite'),
        secretKey: 'another-key-0123456789-abcdefghijklmn',
      }),
    ).rejects.toThrow(/sealed with another data encryption key/);
  });
});
