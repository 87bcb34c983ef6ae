import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signWebhook } from '../../webhooks/sign';
import { DAY, joined, startWebhookApp, visit, type WebhookTestApp } from './support';

describe('POST /webhooks/<source>/gym-visits', () => {
  let t: WebhookTestApp;
  beforeEach(async () => {
    t = await startWebhookApp();
    t.addSiteMember('bia');
    expect((await t.send('members', joined('bia', t.clock.now()))).status).toBe(200);
  });
  afterEach(() => t.close());

  it('the same visit delivered 10 times, 10 more concurrently, and again a day later gives one token', async () => {
    const payload = visit('bia', t.clock.now());
    const first = await t.send('gym-visits', payload, { id: 'visit-1' });
    expect(first).toEqual({
      status: 200,
      body: { eventId: 'visit-1', outcome: 'token_issued', duplicate: false, details: expect.any(Object) },
    });
    for (let i = 0; i < 9; i++) {
      const again = await t.send('gym-visits', payload, { id: 'visit-1' });
      expect(again.body).toMatchObject({ eventId: 'visit-1', outcome: 'token_issued', duplicate: true });
    }
    const concurrent = await Promise.all(
      Array.from({ length: 10 }, () => t.send('gym-visits', visit('bia', t.clock.now()), { id: 'visit-2' })),
    );
    expect(concurrent.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(concurrent.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    // visit-2 is the same day: the daily cap (1) already went to visit-1.
    expect(new Set(concurrent.map((r) => r.body.outcome))).toEqual(new Set(['daily_cap_reached']));

    t.clock.advance(DAY);
    const retried = await t.send('gym-visits', payload, { id: 'visit-1', timestamp: t.clock.now() });
    expect(retried.body).toMatchObject({ outcome: 'token_issued', duplicate: true });
    expect(await t.balance('bia')).toBe(1);
  });

  it('ten different visits at once on a fresh day: exactly the daily cap is given', async () => {
    t.clock.advance(DAY);
    const at = t.clock.now();
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.send('gym-visits', visit('bia', new Date(at.getTime() + i * 60_000))),
      ),
    );
    expect(replies.filter((r) => r.body.outcome === 'token_issued')).toHaveLength(1);
    expect(replies.filter((r) => r.body.outcome === 'daily_cap_reached')).toHaveLength(9);
    expect(await t.balance('bia')).toBe(1);
  });

  it('forged, unsigned, stale, future or replayed-with-another-body requests answer 401 and change nothing', async () => {
    const payload = visit('bia', t.clock.now());
    const good = signWebhook(t.secret, 'visit-x', payload, t.clock.now());
    const url = '/webhooks/gym/gym-visits';

    const forged = signWebhook(
      `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
      'visit-x',
      payload,
      t.clock.now(),
    );
    const unsigned = { ...good.headers, 'webhook-signature': '' };
    const stale = signWebhook(t.secret, 'visit-x', payload, new Date(t.clock.now().getTime() - 6 * 60_000));
    const future = signWebhook(t.secret, 'visit-x', payload, new Date(t.clock.now().getTime() + 6 * 60_000));
    const otherBody = JSON.stringify(visit('bia', new Date(t.clock.now().getTime() + 3600_000)));
    const wrongVersion = {
      ...good.headers,
      'webhook-signature': good.headers['webhook-signature'].replace('v1,', 'v2,'),
    };

    for (const [body, headers] of [
      [forged.body, forged.headers],
      [good.body, unsigned],
      [good.body, { 'content-type': 'application/json' }],
      [stale.body, stale.headers],
      [future.body, future.headers],
      [otherBody, good.headers],
      [good.body, wrongVersion],
    ] as const) {
      const res = await t.post(url, body, headers);
      expect(res.status).toBe(401);
      expect(res.body.error?.code).toBe('UNAUTHENTICATED');
    }
    // None of them claimed the event id: the genuine delivery is still handled as new.
    expect(await t.balance('bia')).toBe(0);
    const real = await t.post(url, good.body, good.headers);
    expect(real.body).toMatchObject({ outcome: 'token_issued', duplicate: false });
  });

  it('a signed event re-using a handled id with another payload: 409, nothing changes', async () => {
    await t.send('gym-visits', visit('bia', t.clock.now()), { id: 'visit-dup' });
    t.clock.advance(DAY);
    const reused = await t.send('gym-visits', visit('bia', t.clock.now()), { id: 'visit-dup' });
    expect(reused.status).toBe(409);
    expect(reused.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await t.balance('bia')).toBe(1);
    // The event's lease, claimed beside its record, ended with it: nothing of this id is left held.
    const { store } = t.running.deps;
    const probe = await store.leases.claim('event\ngym\nvisit-dup', 'probe', t.clock.now(), 1);
    expect(probe).toEqual({ kind: 'acquired', fence: 1, priorWixCallAt: null });
  });

  it('secret rotation: a signature list with an old and the current signature is accepted', async () => {
    const payload = visit('bia', t.clock.now());
    const current = signWebhook(t.secret, 'visit-r', payload, t.clock.now());
    const old = signWebhook(
      `whsec_${Buffer.alloc(32, 1).toString('base64')}`,
      'visit-r',
      payload,
      t.clock.now(),
    );
    const signature = `${old.headers['webhook-signature']} ${current.headers['webhook-signature']}`;
    const res = await t.post('/webhooks/gym/gym-visits', current.body, {
      ...current.headers,
      'webhook-signature': signature,
    });
    expect(res.body).toMatchObject({ outcome: 'token_issued' });
  });

  it('malformed bodies answer 400 with a reason and claim nothing', async () => {
    const cases: [unknown, string][] = [
      ['not json', 'body'],
      [
        {
          type: 'gym.visit',
          timestamp: t.clock.now().toISOString(),
          data: { visitedAt: 'yesterday', memberId: 'bia' },
        },
        'data.visitedAt',
      ],
      [{ type: 'order.paid', timestamp: t.clock.now().toISOString(), data: {} }, 'type'],
      [
        {
          type: 'gym.visit',
          timestamp: t.clock.now().toISOString(),
          data: { visitedAt: t.clock.now().toISOString() },
        },
        'data',
      ],
    ];
    for (const [payload, field] of cases) {
      const res = await t.send('gym-visits', payload, { id: 'visit-m' });
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe('VALIDATION');
      expect(res.body.error?.message).toContain(field);
    }
    const fixed = await t.send('gym-visits', visit('bia', t.clock.now()), { id: 'visit-m' });
    expect(fixed.body).toMatchObject({ outcome: 'token_issued', duplicate: false });
  });

  it('unknown source or kind answers 404; a source cannot sign for another', async () => {
    const payload = visit('bia', t.clock.now());
    expect((await t.send('gym-visits', payload, { source: 'nobody' })).status).toBe(404);
    expect((await t.send('check-ins', payload)).status).toBe(404);
    const { addWebhookSource } = await import('../../src/core/integrations/webhook-sources');
    await addWebhookSource(t.running.deps, { name: 'shop' });
    const res = await t.send('gym-visits', payload, { source: 'shop' });
    expect(res.status).toBe(401);
    expect(await t.balance('bia')).toBe(0);
  });

  it('a member named by the gym’s own id (linked when they joined) gets the token', async () => {
    t.addSiteMember('caio');
    await t.send('members', joined('caio', t.clock.now(), { externalIds: { gym: 'G-77' } }));
    const res = await t.send('gym-visits', {
      type: 'gym.visit',
      timestamp: t.clock.now().toISOString(),
      data: { externalMemberId: 'G-77', visitedAt: t.clock.now().toISOString(), locationId: 'downtown' },
    });
    expect(res.body).toMatchObject({ outcome: 'token_issued', details: { memberId: 'caio' } });
    expect(await t.balance('caio')).toBe(1);
  });

  it('an unknown gym id answers 404 without remembering the event, so the retry after the join succeeds', async () => {
    const payload = {
      type: 'gym.visit',
      timestamp: t.clock.now().toISOString(),
      data: { externalMemberId: 'G-99', visitedAt: t.clock.now().toISOString() },
    };
    const early = await t.send('gym-visits', payload, { id: 'visit-early' });
    expect(early.status).toBe(404);
    t.addSiteMember('dani');
    await t.send('members', joined('dani', t.clock.now(), { externalIds: { gym: 'G-99' } }));
    const retry = await t.send('gym-visits', payload, { id: 'visit-early' });
    expect(retry.body).toMatchObject({ outcome: 'token_issued', duplicate: false });
  });

  it('a member without a program: acknowledged as no_active_pool, and the outcome is kept', async () => {
    t.addSiteMember('edu');
    const res = await t.send('gym-visits', visit('edu', t.clock.now()), { id: 'visit-edu' });
    expect(res).toMatchObject({ status: 200, body: { outcome: 'no_active_pool', duplicate: false } });
    const again = await t.send('gym-visits', visit('edu', t.clock.now()), { id: 'visit-edu' });
    expect(again.body).toMatchObject({ outcome: 'no_active_pool', duplicate: true });
  });

  it('with the pool cached, a visit makes no pool query (queries failing changes nothing)', async () => {
    t.running.emulator?.faults.add({ kind: 'unavailable', path: '/pools/query', times: 0 });
    const res = await t.send('gym-visits', visit('bia', t.clock.now()));
    expect(res.body).toMatchObject({ outcome: 'token_issued' });
    t.running.emulator?.faults.clear();
    expect(await t.balance('bia')).toBe(1);
  });

  it('Wix answers after giving the token but the answer is lost: 503, and the retry gives nothing more', async () => {
    t.running.emulator?.faults.add({ kind: 'drop-after-commit', path: '/balances/', method: 'POST' });
    const payload = visit('bia', t.clock.now());
    const lost = await t.send('gym-visits', payload, { id: 'visit-lost' });
    expect(lost.status).toBe(503);
    const retry = await t.send('gym-visits', payload, { id: 'visit-lost' });
    expect(retry.body).toMatchObject({ outcome: 'token_issued', duplicate: false });
    expect(await t.balance('bia')).toBe(1);
  });

  it('VISIT_TOKENS_PER_DAY and TIME_ZONE: two tokens per local day, days counted in that zone', async () => {
    await t.close();
    // 2026-01-01T09:00Z; São Paulo is UTC−3.
    t = await startWebhookApp({ env: { VISIT_TOKENS_PER_DAY: '2', TIME_ZONE: 'America/Sao_Paulo' } });
    t.addSiteMember('fe');
    await t.send('members', joined('fe', t.clock.now()));
    const at = (iso: string) => t.send('gym-visits', visit('fe', new Date(iso)));
    expect((await at('2026-01-02T02:30:00Z')).body.outcome).toBe('token_issued'); // Jan 1, 23:30 local
    expect((await at('2026-01-01T12:00:00Z')).body.outcome).toBe('token_issued'); // Jan 1
    expect((await at('2026-01-01T20:00:00Z')).body.outcome).toBe('daily_cap_reached'); // Jan 1 again
    expect((await at('2026-01-02T03:30:00Z')).body.outcome).toBe('token_issued'); // Jan 2, 00:30 local
    expect(await t.balance('fe')).toBe(3);
  });
});
