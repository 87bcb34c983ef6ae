import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpysClient, Offer } from './client';
import { type ExpysTestApp, startExpysApp } from './support';

// Expys behaviour a client relies on (partner-apis.md §1.2–1.7, the SDKs' methods): Idempotency-Key on
// the token exchange, one booking per member and offer, the server-mode reports, terms, feedback, and a
// stable NOT_SUPPORTED for the concierge features.

describe('Expys: exchange idempotency, one booking per offer, reports, terms, feedback, concierge', () => {
  let app: ExpysTestApp;
  let server: ExpysClient;
  let ivy: ExpysClient;
  let offers: Offer[];
  const offerNamed = (title: string) => {
    const offer = offers.find((o) => o.title === title);
    if (!offer) throw new Error(`no offer ${title}`);
    return offer;
  };

  beforeAll(async () => {
    app = await startExpysApp();
    server = app.client(await app.integration('acme'));
    ivy = await app.user(server, 'ivy');
    await server.creditWallet({ externalUserID: 'ivy', amount: 500 }, 'ivy-credit');
    offers = (await ivy.listOffers()).data.data;
  });
  afterAll(() => app.close());

  it('POST /v1/auth/exchange: the same key and body replay the token; another body is IDEMPOTENCY_KEY_REUSED', async () => {
    const first = await server.exchange({ externalUserID: 'ivy', tier: 'gold' }, 'xchg-1');
    expect(first.status).toBe(200);
    app.clock.advance(5000);
    const again = await server.exchange({ externalUserID: 'ivy', tier: 'gold' }, 'xchg-1');
    expect(again).toMatchObject({ status: 200, replayed: true });
    expect(again.data).toEqual(first.data);
    const other = await server.exchange({ externalUserID: 'ivy', tier: 'silver' }, 'xchg-1');
    expect(other.status).toBe(409);
    expect(other.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await server.getMember('ivy')).data.tier).toBe('gold');
    // Without a key every call mints its own token.
    const fresh = await server.exchange({ externalUserID: 'ivy' });
    expect(fresh.data.accessToken).not.toBe(first.data.accessToken);
  });

  it('booking an offer again under a new key is 409 REDEMPTION_ALREADY_EXISTS, unless canceled or repeatable', async () => {
    const fiveOff = offerNamed('$5 off').id;
    const booked = await ivy.createRedemption({ offer: fiveOff }, 'ivy-book-1');
    expect(booked.status).toBe(201);
    const twice = await ivy.createRedemption({ offer: fiveOff }, 'ivy-book-2');
    expect(twice.status).toBe(409);
    expect(twice.error?.code).toBe('REDEMPTION_ALREADY_EXISTS');
    expect((await ivy.wallet()).data.balance).toBe(450);

    await server.setRedemptionStatus(booked.data.id, { status: 'CANCELED', reason: 'MEMBER_REQUESTED' });
    const rebooked = await ivy.createRedemption({ offer: fiveOff }, 'ivy-book-3');
    expect(rebooked.status).toBe(201);

    const entry = await app.running.deps.store.catalog.get(fiveOff);
    if (!entry) throw new Error('no entry');
    await app.running.deps.store.catalog.upsert({ ...entry, repeatable: true });
    expect((await ivy.createRedemption({ offer: fiveOff }, 'ivy-book-4')).status).toBe(201);
    await app.running.deps.store.catalog.upsert({ ...entry, repeatable: false });
    expect((await ivy.wallet()).data.balance).toBe(400);
  });

  it('feedback: a completed redemption takes a 0–10 score; an earlier one is REDEMPTION_NOT_COMPLETED', async () => {
    const booked = await ivy.createRedemption({ offer: offerNamed('10% off').id }, 'ivy-book-5');
    const early = await ivy.setRedemptionFeedback(booked.data.id, { rating: 9 });
    expect(early.status).toBe(409);
    expect(early.error).toMatchObject({ code: 'REDEMPTION_NOT_COMPLETED', details: { status: 'SUBMITTED' } });
    for (const status of ['OPEN', 'PURCHASED', 'COMPLETED']) {
      expect((await server.setRedemptionStatus(booked.data.id, { status })).status).toBe(200);
    }
    const scored = await ivy.setRedemptionFeedback(booked.data.id, { rating: 9, comment: 'great' });
    expect(scored.status).toBe(200);
    expect(scored.data.feedback).toMatchObject({ rating: 9, comment: 'great' });
    expect((await ivy.getRedemption(booked.data.id)).data.feedback?.rating).toBe(9);
    expect((await ivy.setRedemptionFeedback(booked.data.id, { rating: 11 })).status).toBe(422);
    // Another member cannot score it.
    const other = await app.user(server, 'olga');
    expect((await other.setRedemptionFeedback(booked.data.id, { rating: 1 })).status).toBe(404);
  });

  it('GET /v1/members pages the linked users newest first; a tier filter keeps one tier', async () => {
    for (const id of ['m1', 'm2', 'm3']) {
      app.clock.advance(1000);
      await app.user(server, id);
    }
    await server.setMember('m2', { tier: 'gold' });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await server.listMembers({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      seen.push(...res.data.members.map((m) => m.externalUserID));
      if (!res.data.nextCursor) break;
      cursor = res.data.nextCursor;
    }
    expect(seen.slice(0, 3)).toEqual(['m3', 'm2', 'm1']);
    expect(new Set(seen)).toEqual(new Set(['m3', 'm2', 'm1', 'olga', 'ivy']));
    const gold = await server.listMembers({ tier: 'gold' });
    expect(gold.data.members.map((m) => m.externalUserID).sort()).toEqual(['ivy', 'm2']);
    expect((await ivy.listMembers()).status).toBe(403);
  });

  it('org balance and analytics come from the integration’s own records', async () => {
    const balance = await server.balance();
    expect(balance.data).toMatchObject({
      balance: 0,
      creditLimit: 0,
      lifetimeSpent: 200,
      lifetimeSpentUSD: 2,
      ratePerPoint: 0.01,
      settlementMode: 'MEMBER_WALLET',
    });
    const summary = await server.analyticsSummary();
    expect(summary.data).toMatchObject({
      memberCount: 5,
      pointsMinted: 500,
      pointsSpent: 200,
      redemptions: { submitted: 2, completed: 1, canceled: 1, total: 4 },
    });
    expect(summary.data.completionRate).toBeCloseTo(0.25);
    const perOffer = await server.analyticsOffers();
    expect(perOffer.data.offers).toEqual(
      expect.arrayContaining([
        { offerId: offerNamed('$5 off').id, signups: 3, completions: 0, cancellations: 1, pointsSpent: 100 },
        { offerId: offerNamed('10% off').id, signups: 1, completions: 1, cancellations: 0, pointsSpent: 100 },
      ]),
    );
    const day = app.clock.now().toISOString().slice(0, 10);
    const series = await server.analyticsTimeseries({ from: day, to: `${day}T23:59:59Z`, interval: 'day' });
    expect(series.data.buckets).toEqual([
      {
        startTime: `${day}T00:00:00.000Z`,
        endTime: expect.any(String),
        pointsMinted: 500,
        pointsSpent: 200,
        signups: 5,
      },
    ]);
    const bad = await server.request('GET', '/v1/analytics/timeseries', {
      query: { from: day, to: day, interval: 'day' },
    });
    expect(bad.status).toBe(422);
    expect((await ivy.analyticsSummary()).status).toBe(403);
  });

  it('terms: the current documents, their content (immutable), acceptance once per version', async () => {
    const before = await ivy.terms();
    expect(before.data.documents).toEqual([
      {
        type: 'TERMS_OF_SERVICE',
        version: '2026-01-01',
        publishedAt: '2026-01-01T00:00:00.000Z',
        acceptedAt: null,
      },
    ]);
    const content = await ivy.termsContent('2026-01-01');
    expect(content.data.contentHTML).toContain('<h1>');
    expect(content.data.renderedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(content.headers.get('cache-control')).toContain('immutable');
    expect((await ivy.termsContent('1999')).status).toBe(404);

    const accepted = await ivy.acceptTerms({ versions: ['2026-01-01'] }, 'terms-1');
    const at = accepted.data.documents[0]?.acceptedAt;
    expect(at).toEqual(expect.any(String));
    app.clock.advance(60_000);
    const again = await ivy.acceptTerms({ versions: ['2026-01-01'] }, 'terms-2');
    expect(again.data.documents[0]?.acceptedAt).toBe(at);
    expect((await server.terms({ externalUserID: 'ivy' })).data.documents[0]?.acceptedAt).toBe(at);
    expect((await ivy.acceptTerms({ versions: ['nope'] })).status).toBe(422);
  });

  it('concierge features answer 501 NOT_SUPPORTED in Expys’ error shape', async () => {
    const calls: [string, string][] = [
      ['GET', '/v1/conversations'],
      ['GET', '/v1/conversations/c1/messages'],
      ['POST', '/v1/conversations/c1/messages'],
      ['GET', '/v1/conversations/c1/stream'],
      ['POST', '/v1/interests'],
      ['GET', '/v1/interests/i1'],
      ['PUT', '/v1/interests/i1/intake'],
      ['POST', '/v1/interests/i1/phone/verification'],
      ['PUT', '/v1/interests/i1/phone/verification'],
    ];
    for (const [method, path] of calls) {
      const res = await ivy.request(method, path, method === 'GET' ? {} : { body: {} });
      expect(res.status, `${method} ${path}`).toBe(501);
      expect(res.error?.code).toBe('NOT_SUPPORTED');
    }
    expect((await app.client().request('GET', '/v1/conversations')).status).toBe(401);
  });
});
