import { randomUUID } from 'node:crypto';
import type { BenchApp } from './lib/app';
import { seedMembers, settled, totalBalance } from './lib/ledger';
import { runLoad } from './lib/load';
import { type RequestPlan, UNIQUE } from './lib/plan';
import type { Scenario, Suite } from './lib/scenario';
import { listen } from './lib/servers';
import { naiveSeedFlow } from './naive-seed-flow';

/** The gym's water bottle (benefit gym10): 10 tokens. */
const WATER_BOTTLE = '8f9d2c4a-1b3e-4f5a-9c7d-0e1f2a3b4c01';
const PRICE = 10;
const TOKENS = 100_000;
const MEMBERS = 200;
const NAIVE = 'naive seed flow';

const redeemPlan = (tokens: string[], idempotencyKey: string): RequestPlan => ({
  method: 'POST',
  path: '/web-methods/benefits/redeemMyBenefit',
  variants: tokens.map((token) => ({
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ args: [{ externalId: WATER_BOTTLE, idempotencyKey }] }),
  })),
});

const naivePlan = (memberIds: string[]): RequestPlan => ({
  method: 'POST',
  path: '/naive/redeem',
  variants: memberIds.map((memberId) => ({
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ args: [{ memberId, externalId: WATER_BOTTLE }] }),
  })),
});

/** Tokens spent and redemption records of these members, once in-flight requests have landed. */
function ledger(app: BenchApp, members: Map<string, string>) {
  return settled(async () => {
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
  });
}

/**
 * Every 2xx debited once and left one record; a request cut off when the load stopped (at most one per
 * connection per run) may have landed too.
 */
function checkDebits(debits: number, records: number | null, ok: number, slack: number): string {
  if (!Number.isInteger(debits)) throw new Error(`ledger: spent tokens are not a multiple of ${PRICE}`);
  if (records !== null && records !== debits) throw new Error(`ledger: ${debits} debits, ${records} records`);
  if (debits < ok || debits > ok + slack) throw new Error(`ledger: ${debits} debits for ${ok} 2xx`);
  return `ledger ok: ${debits} debits${records === null ? '' : ' = records'}`;
}

/** Issue 3: one redemption flow under load — distinct members, one hot member, idempotent replays. */
export const redemptionSuite: Suite = {
  name: 'redemption',
  async setup({ app, options }) {
    const slack = 2 * options.connections;
    const distinct = await seedMembers(app, 'bench-rdm', MEMBERS, TOKENS);
    const naive = await seedMembers(app, 'bench-naive', MEMBERS, TOKENS);
    const hot = await seedMembers(app, 'bench-hot', 1, TOKENS);
    const replayed = await seedMembers(app, 'bench-replay', 1, TOKENS);
    const [replayToken = ''] = replayed.values();
    const replayKey = randomUUID();
    await app.must(
      'benefits/redeemMyBenefit',
      [{ externalId: WATER_BOTTLE, idempotencyKey: replayKey }],
      replayToken,
    );
    const naiveServer = await listen(naiveSeedFlow(app.running).fetch);

    // The app's throughput climbs for ~10 s of load after start (JIT): without this, whichever row ran first
    // looked slow. Warm both flows up on members of their own, so the order of the rows does not decide.
    const warm = await seedMembers(app, 'bench-warm', 20, TOKENS);
    const job = { connections: options.connections, warmupSeconds: 0 };
    const appWarmup = Math.max(4, options.durationSeconds);
    await runLoad({
      ...job,
      durationSeconds: appWarmup,
      url: app.server.url,
      plan: redeemPlan([...warm.values()], UNIQUE),
    });
    await runLoad({
      ...job,
      durationSeconds: options.warmupSeconds,
      url: naiveServer.url,
      plan: naivePlan([...warm.keys()]),
    });

    const scenarios: Scenario[] = [
      {
        name: NAIVE,
        url: naiveServer.url,
        plan: naivePlan([...naive.keys()]),
        note: 'baseline 2: SDK calls only, no auth/idempotency/lock/record',
        verify: async (ok) => {
          const { debits } = await ledger(app, naive);
          return checkDebits(debits, null, ok, slack);
        },
      },
      {
        name: 'redeem, distinct members',
        url: app.server.url,
        plan: redeemPlan([...distinct.values()], UNIQUE),
        note: `${MEMBERS} members round-robin, unique keys`,
        versus: NAIVE,
        verify: async (ok) => {
          const { debits, records } = await ledger(app, distinct);
          return checkDebits(debits, records, ok, slack);
        },
      },
      {
        name: 'redeem, one hot member',
        url: app.server.url,
        plan: redeemPlan([...hot.values()], UNIQUE),
        note: 'one member: the member lock serializes',
        verify: async (ok) => {
          const { debits, records } = await ledger(app, hot);
          return checkDebits(debits, records, ok, slack);
        },
      },
      {
        name: 'replay (same key)',
        url: app.server.url,
        plan: redeemPlan([replayToken], replayKey),
        note: 'one key: stored response',
        verify: async () => {
          const { debits, records } = await ledger(app, replayed);
          if (debits !== 1 || records !== 1) throw new Error(`replay: ${debits} debits, ${records} records`);
          const again = await app.must<{ replayed: boolean }>(
            'benefits/redeemMyBenefit',
            [{ externalId: WATER_BOTTLE, idempotencyKey: replayKey }],
            replayToken,
          );
          if (!again.replayed) throw new Error('replay: the answer was not marked as a replay');
          return 'ledger ok: 1 debit in all';
        },
      },
    ];
    return { scenarios, close: () => naiveServer.close() };
  },
};
