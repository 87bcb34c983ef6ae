import { expect, it } from 'vitest';
import type { Store } from '../../../src/core/ports/store';
import { at, iso, T0, uid } from './fixtures';

/** The point of sale's bookkeeping: stable int32 numbers, latest quotes, purchases. */
export function counterCases(store: () => Store): void {
  it('counter: a ref gets the next number of its scope once, the same ever after', async () => {
    const scope = uid('scope');
    const a = await store().counter.numberOf(scope, 'a', T0);
    const b = await store().counter.numberOf(scope, 'b', T0);
    expect([a, b]).toEqual([1, 2]);
    expect(await store().counter.numberOf(scope, 'a', at(1000))).toBe(1);
    expect(await store().counter.refOf(scope, 2)).toBe('b');
    expect(await store().counter.refOf(scope, 3)).toBeUndefined();
    // Scopes count on their own.
    expect(await store().counter.numberOf(uid('scope'), 'a', T0)).toBe(1);
  });

  it('counter: 20 racing allocations give 20 distinct numbers, and one per ref', async () => {
    const scope = uid('scope');
    const numbers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store().counter.numberOf(scope, `ref-${i % 10}`, T0)),
    );
    expect(new Set(numbers).size).toBe(10);
    for (let i = 0; i < 10; i++) expect(numbers[i]).toBe(numbers[i + 10]);
    expect([...new Set(numbers)].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('counter: the latest quote per (integration, member) wins', async () => {
    const integration = uid('pos');
    expect(await store().counter.getQuote(integration, 'm_1')).toBeUndefined();
    await store().counter.saveQuote({
      integration,
      memberId: 'm_1',
      purchaseCents: 12_000,
      discountCents: 0,
      quotedAt: iso(0),
    });
    await store().counter.saveQuote({
      integration,
      memberId: 'm_1',
      purchaseCents: 9_990,
      discountCents: 1_000,
      quotedAt: iso(5),
    });
    expect(await store().counter.getQuote(integration, 'm_1')).toEqual({
      integration,
      memberId: 'm_1',
      purchaseCents: 9_990,
      discountCents: 1_000,
      quotedAt: iso(5),
    });
    expect(await store().counter.getQuote(integration, 'm_2')).toBeUndefined();
  });

  it('counter: purchases list their redemptions, oldest first; a repeat is a no-op', async () => {
    const integration = uid('pos');
    const add = (redemptionId: string, ms: number) =>
      store().counter.addPurchase({
        integration,
        memberId: 'm_1',
        purchaseId: 'p1',
        redemptionId,
        createdAt: iso(ms),
      });
    await add('r_2', 10);
    await add('r_1', 0);
    await add('r_1', 0);
    expect(await store().counter.purchaseRedemptions(integration, 'm_1', 'p1')).toEqual(['r_1', 'r_2']);
    expect(await store().counter.purchaseRedemptions(integration, 'm_2', 'p1')).toEqual([]);
  });
}
