import { expect, it } from 'vitest';
import type { InboundEventRequest } from '../../../src/core/ports/inbound-events';
import type { Integration } from '../../../src/core/ports/integrations';
import type { Store } from '../../../src/core/ports/store';
import type { OrderCredit, VisitCredit } from '../../../src/core/ports/token-credits';
import { at, iso, T0, uid } from './fixtures';

const integration = (overrides: Partial<Integration> = {}): Integration => ({
  id: uid('int'),
  name: uid('src').replace('_', '-'),
  kind: 'webhook',
  environment: 'live',
  currency: 'tokens',
  webhookSecret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0',
  keyId: null,
  keyHash: null,
  createdAt: iso(0),
  ...overrides,
});

const inbound = (overrides: Partial<InboundEventRequest> = {}): InboundEventRequest => ({
  source: 'gym',
  eventId: uid('evt'),
  kind: 'gym-visits',
  payloadHash: 'hash-1',
  now: T0,
  ...overrides,
});

const visit = (overrides: Partial<VisitCredit> = {}): VisitCredit => ({
  memberId: uid('m'),
  localDay: '2026-01-01',
  slot: 1,
  source: 'gym',
  eventId: uid('evt'),
  poolId: 'pool_1',
  transactionId: null,
  visitedAt: iso(0),
  createdAt: iso(0),
  ...overrides,
});

const orderCredit = (overrides: Partial<OrderCredit> = {}): OrderCredit => ({
  source: 'shop',
  orderId: uid('o'),
  memberId: 'm_1',
  poolId: 'pool_1',
  status: 'issuing',
  amount: '123.40',
  currency: 'BRL',
  tokensIssued: 12,
  issueTransactionId: null,
  tokensToReverse: null,
  tokensReversed: 0,
  shortfall: 0,
  reverseTransactionId: null,
  pointsIssued: 0,
  pointsReversed: 0,
  pointsShortfall: 0,
  createdAt: iso(0),
  updatedAt: iso(0),
  ...overrides,
});

export function integrationCases(store: () => Store): void {
  it('integrations: insert, get by name, list oldest first, remove; names and key ids are unique', async () => {
    const a = integration({ createdAt: iso(0) });
    const b = integration({
      kind: 'bonifiq',
      keyId: uid('tok'),
      keyHash: 'ab'.repeat(32),
      webhookSecret: null,
      createdAt: iso(1),
    });
    expect(await store().integrations.insert(a)).toBe(true);
    expect(await store().integrations.insert(b)).toBe(true);
    expect(await store().integrations.insert(integration({ name: a.name }))).toBe(false);
    expect(await store().integrations.insert(integration({ kind: 'bonifiq', keyId: b.keyId }))).toBe(false);
    expect(await store().integrations.getByName(a.name)).toEqual(a);
    expect(await store().integrations.findByKeyId('bonifiq', b.keyId ?? '')).toEqual(b);
    expect(await store().integrations.findByKeyId('expys', b.keyId ?? '')).toBeUndefined();
    expect((await store().integrations.list()).map((i) => i.name)).toEqual([a.name, b.name]);
    expect(await store().integrations.remove(a.name)).toBe(true);
    expect(await store().integrations.remove(a.name)).toBe(false);
    expect(await store().integrations.getByName(a.name)).toBeUndefined();
  });
}

export function inboundEventCases(store: () => Store): void {
  it('inbound events: 20 concurrent deliveries record one event; its outcome is kept forever', async () => {
    const req = inbound();
    const states = await Promise.all(Array.from({ length: 20 }, () => store().inboundEvents.open(req)));
    expect(new Set(states.map((s) => JSON.stringify(s)))).toEqual(
      new Set([JSON.stringify({ kind: 'processing', payloadHash: 'hash-1' })]),
    );
    const outcome = { outcome: 'token_issued', details: { balance: 3 } };
    expect(await store().inboundEvents.complete(req.source, req.eventId, outcome, T0)).toBe(true);
    expect(await store().inboundEvents.complete(req.source, req.eventId, { outcome: 'x' }, T0)).toBe(false);
    expect(await store().inboundEvents.open({ ...req, now: at(10 * 24 * 3600_000) })).toEqual({
      kind: 'done',
      outcome,
      payloadHash: req.payloadHash,
    });
  });

  it('inbound events: ids are per source; another payload under an id reports the first one', async () => {
    const req = inbound();
    await store().inboundEvents.open(req);
    expect(await store().inboundEvents.open({ ...req, payloadHash: 'other', now: at(60_000) })).toEqual({
      kind: 'processing',
      payloadHash: 'hash-1',
    });
    expect(await store().inboundEvents.open({ ...req, source: 'shop', payloadHash: 'other' })).toEqual({
      kind: 'processing',
      payloadHash: 'other',
    });
  });
}

export function tokenCreditCases(store: () => Store): void {
  it('visit credits: one row per (member, day, slot) and per event; count per day; remove frees the slot', async () => {
    const first = visit();
    expect(await store().visitCredits.claimSlot(first)).toBe(true);
    const racers = await Promise.all(
      Array.from({ length: 10 }, () => store().visitCredits.claimSlot(visit({ memberId: first.memberId }))),
    );
    expect(racers.filter(Boolean)).toHaveLength(0);
    expect(await store().visitCredits.claimSlot(visit({ memberId: first.memberId, slot: 2 }))).toBe(true);
    expect(await store().visitCredits.claimSlot(visit({ eventId: first.eventId, memberId: uid('m') }))).toBe(
      false,
    );
    expect(await store().visitCredits.countForDay(first.memberId, first.localDay)).toBe(2);
    expect(await store().visitCredits.countForDay(first.memberId, '2026-01-02')).toBe(0);

    await store().visitCredits.setTransaction(first.source, first.eventId, 'tx_9');
    expect(await store().visitCredits.findByEvent(first.source, first.eventId)).toEqual({
      ...first,
      transactionId: 'tx_9',
    });
    await store().visitCredits.remove(first.source, first.eventId);
    expect(await store().visitCredits.findByEvent(first.source, first.eventId)).toBeUndefined();
    expect(await store().visitCredits.claimSlot(visit({ memberId: first.memberId }))).toBe(true);
  });

  it('order credits: one row per (source, order); updates are compare-and-set on the status', async () => {
    const credit = orderCredit();
    expect(await store().orderCredits.insert(credit)).toBe(true);
    expect(await store().orderCredits.insert({ ...credit, tokensIssued: 99 })).toBe(false);
    expect(await store().orderCredits.insert({ ...credit, source: 'other' })).toBe(true);
    expect(await store().orderCredits.get(credit.source, credit.orderId)).toEqual(credit);

    const issued = await store().orderCredits.update(credit.source, credit.orderId, 'issuing', {
      status: 'issued',
      issueTransactionId: 'tx_1',
      updatedAt: iso(5),
    });
    expect(issued).toEqual({ ...credit, status: 'issued', issueTransactionId: 'tx_1', updatedAt: iso(5) });
    expect(
      await store().orderCredits.update(credit.source, credit.orderId, 'issuing', { status: 'reversed' }),
    ).toBeUndefined();
    const races = await Promise.all(
      Array.from({ length: 10 }, () =>
        store().orderCredits.update(credit.source, credit.orderId, 'issued', {
          status: 'reversing',
          tokensToReverse: 5,
        }),
      ),
    );
    expect(races.filter(Boolean)).toHaveLength(1);
    const reversed = await store().orderCredits.update(credit.source, credit.orderId, 'reversing', {
      status: 'reversed',
      tokensReversed: 5,
      shortfall: 7,
      pointsReversed: 3,
      pointsShortfall: 1,
      reverseTransactionId: 'tx_2',
    });
    expect(reversed).toMatchObject({
      tokensToReverse: 5,
      tokensReversed: 5,
      shortfall: 7,
      pointsShortfall: 1,
    });
    expect(await store().orderCredits.insert(orderCredit({ memberId: null }))).toBe(true);
  });

  it('transaction: webhook writes roll back together', async () => {
    const credit = orderCredit();
    const req = inbound();
    await expect(
      store().transaction(async (tx) => {
        await tx.inboundEvents.open(req);
        await tx.orderCredits.insert(credit);
        await tx.visitCredits.claimSlot(visit());
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store().orderCredits.get(credit.source, credit.orderId)).toBeUndefined();
    expect(await store().inboundEvents.open({ ...req, payloadHash: 'again' })).toEqual({
      kind: 'processing',
      payloadHash: 'again',
    });
  });
}
