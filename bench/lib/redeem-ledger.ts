import type { AppClient } from './app-client';
import { settled, totalBalance } from './ledger';
import type { RequestPlan } from './plan';

/** The gym's water bottle (benefit gym10): 10 tokens. */
export const WATER_BOTTLE = '8f9d2c4a-1b3e-4f5a-9c7d-0e1f2a3b4c01';
export const PRICE = 10;
/** What every redeeming member is given at seeding. */
export const TOKENS = 100_000;

/** `redeemMyBenefit` of the water bottle by these members' tokens, round-robin. */
export const redeemPlan = (tokens: string[], idempotencyKey: string): RequestPlan => ({
  method: 'POST',
  path: '/web-methods/benefits/redeemMyBenefit',
  variants: tokens.map((token) => ({
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ args: [{ externalId: WATER_BOTTLE, idempotencyKey }] }),
  })),
});

/** The naive seed flow's redemption of the water bottle by these members, round-robin. */
export const naiveRedeemPlan = (memberIds: string[]): RequestPlan => ({
  method: 'POST',
  path: '/naive/redeem',
  variants: memberIds.map((memberId) => ({
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ args: [{ memberId, externalId: WATER_BOTTLE }] }),
  })),
});

/**
 * Tokens spent (in water bottles) and redemption records of these members, once in-flight requests landed;
 * `settle` false: one read, for when nothing is in flight.
 */
export function redeemLedger(app: AppClient, members: Map<string, string>, settle = true) {
  const read = async () => {
    let records = 0;
    for (const memberId of members.keys()) {
      let cursor: string | null = null;
      do {
        const page: { items: unknown[]; nextCursor: string | null } = await app.must(
          'dashboard/listRedemptions',
          [{ memberId, limit: 100, cursor }],
          app.adminToken,
        );
        records += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
    }
    const spent = TOKENS * members.size - (await totalBalance(app, members));
    return { debits: spent / PRICE, records };
  };
  return settle ? settled(read) : read();
}

/**
 * Every 2xx debited once and left one record (`records` null: the flow keeps none); a request cut off when
 * the load stopped (at most one per connection per run) may have landed too.
 */
export function checkDebits(debits: number, records: number | null, ok: number, slack: number): string {
  if (!Number.isInteger(debits)) throw new Error(`ledger: spent tokens are not a multiple of ${PRICE}`);
  if (records !== null && records !== debits) throw new Error(`ledger: ${debits} debits, ${records} records`);
  if (debits < ok || debits > ok + slack) throw new Error(`ledger: ${debits} debits for ${ok} 2xx`);
  return `ledger ok: ${debits} debits${records === null ? '' : ' = records'}`;
}
