import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchRedemptionEvents } from '../../src/core/outbound/dispatch';
import { describeRedemptionEvent } from '../../src/partners/expys/events';
import { announceSkip, freshSchemas, TEST_DATABASE_URL as url } from '../support/postgres';
import type { ExpysClient } from './client';
import { type ExpysTestApp, startExpysApp } from './support';

announceSkip('Expys');

// The same guarantees with real concurrent transactions: row locks and conditional updates, not one writer.
describe.skipIf(!url)('Expys on PostgreSQL', () => {
  const schemas = freshSchemas('rb_expys');
  let app: ExpysTestApp;
  let server: ExpysClient;
  let member: ExpysClient;
  let offer: string;

  beforeEach(async () => {
    app = await startExpysApp({ store: await schemas.store() });
    server = app.client(await app.integration('acme'));
    member = await app.user(server, 'pg-user');
    await server.creditWallet({ externalUserID: 'pg-user', amount: 500 }, 'pg-credit');
    offer = (await member.listOffers()).data.data.find((o) => o.title === '$5 off')?.id ?? '';
  });
  afterEach(() => app.close());
  afterAll(() => schemas.dropAll());

  it('50 concurrent copies under one key: one redemption, one debit', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => member.createRedemption({ offer }, 'pg-key-1')),
    );
    expect(new Set(results.filter((r) => r.status === 201).map((r) => r.data.id)).size).toBe(1);
    expect(results.every((r) => r.status === 201 || r.error?.code === 'IDEMPOTENCY_KEY_IN_USE')).toBe(true);
    expect((await member.wallet()).data.balance).toBe(450);
  });

  it('one booking per member holds across racing keys; cancels racing refund once', async () => {
    const entry = await app.running.deps.store.catalog.get(offer);
    if (!entry) throw new Error('no entry');
    await app.running.deps.store.catalog.upsert({ ...entry, repeatable: false });
    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, i) => member.createRedemption({ offer }, `pg-race-${i}`)),
    );
    const booked = racing.filter((r) => r.status === 201);
    expect(booked).toHaveLength(1);
    expect((await member.wallet()).data.balance).toBe(450);
    const id = booked[0]?.data.id ?? '';
    const cancels = await Promise.all(
      Array.from({ length: 5 }, () =>
        server.setRedemptionStatus(id, { status: 'CANCELED', reason: 'OTHER' }),
      ),
    );
    expect(cancels.every((c) => c.data.status === 'CANCELED')).toBe(true);
    expect((await member.wallet()).data.balance).toBe(500);
  });

  it('racing outbox dispatchers queue each event once; racing workers claim each delivery once', async () => {
    const registered = await server.registerWebhook({
      url: 'https://93.184.216.34/hook',
      events: ['redemption.created', 'wallet.debited'],
    });
    expect(registered.status).toBe(201);
    expect((await member.createRedemption({ offer }, 'pg-wh-1')).status).toBe(201);
    const deps = app.running.deps;
    const describe = describeRedemptionEvent('live');
    const queued = await Promise.all([1, 2, 3].map(() => dispatchRedemptionEvents(deps, describe)));
    expect(queued.reduce((a, b) => a + b, 0)).toBe(2);
    const claims = await Promise.all(
      [1, 2, 3].map(() => deps.store.outbox.claimDue(deps.clock.now(), 100, 60_000)),
    );
    const claimed = claims.flat().filter((d) => d.endpoint.id === registered.data.id);
    expect(claimed.map((d) => d.type).sort()).toEqual(['redemption.created', 'wallet.debited']);
  });

  it('members list, analytics, terms and feedback read the same on PostgreSQL', async () => {
    const booked = await member.createRedemption({ offer }, 'pg-book');
    for (const status of ['OPEN', 'PURCHASED', 'COMPLETED'])
      await server.setRedemptionStatus(booked.data.id, { status });
    expect((await member.setRedemptionFeedback(booked.data.id, { rating: 7 })).data.feedback?.rating).toBe(7);
    expect((await server.listMembers()).data.members.map((m) => m.externalUserID)).toEqual(['pg-user']);
    expect((await server.analyticsSummary()).data).toMatchObject({
      memberCount: 1,
      pointsMinted: 500,
      pointsSpent: 50,
    });
    const day = app.clock.now().toISOString().slice(0, 10);
    const series = await server.analyticsTimeseries({ from: day, to: `${day}T23:00:00Z`, interval: 'day' });
    expect(series.data.buckets[0]).toMatchObject({ pointsMinted: 500, pointsSpent: 50, signups: 1 });
    const accepted = await member.acceptTerms({ versions: ['2026-01-01'] });
    expect(accepted.data.documents[0]?.acceptedAt).toEqual(expect.any(String));
  });
});
