import { randomUUID } from 'node:crypto';
import { seedMembers } from './lib/ledger';
import { runLoad } from './lib/load';
import { UNIQUE } from './lib/plan';
import {
  checkDebits,
  naiveRedeemPlan,
  redeemLedger,
  redeemPlan,
  TOKENS,
  WATER_BOTTLE,
} from './lib/redeem-ledger';
import type { Scenario, Suite } from './lib/scenario';
import { listen } from './lib/servers';
import { p99AtMost, rpsAtLeast, timesBaseline, timesVersus } from './lib/targets';
import { naiveSeedFlow } from './naive-seed-flow';

const MEMBERS = 200;
const NAIVE = 'naive seed flow';

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
      plan: naiveRedeemPlan([...warm.keys()]),
    });

    const scenarios: Scenario[] = [
      {
        name: NAIVE,
        url: naiveServer.url,
        plan: naiveRedeemPlan([...naive.keys()]),
        note: 'baseline 2: SDK calls only, no auth/idempotency/lock/record',
        verify: async (ok) => {
          const { debits } = await redeemLedger(app, naive);
          return checkDebits(debits, null, ok, slack);
        },
      },
      {
        name: 'redeem, distinct members',
        url: app.server.url,
        plan: redeemPlan([...distinct.values()], UNIQUE),
        note: `${MEMBERS} members round-robin, unique keys`,
        versus: NAIVE,
        targets: [timesVersus(1.5)],
        verify: async (ok) => {
          const { debits, records } = await redeemLedger(app, distinct);
          return checkDebits(debits, records, ok, slack);
        },
      },
      {
        name: 'redeem, one hot member',
        url: app.server.url,
        plan: redeemPlan([...hot.values()], UNIQUE),
        note: 'one member: the member lock serializes',
        targets: [rpsAtLeast(400), p99AtMost(50)],
        verify: async (ok) => {
          const { debits, records } = await redeemLedger(app, hot);
          return checkDebits(debits, records, ok, slack);
        },
      },
      {
        name: 'replay (same key)',
        url: app.server.url,
        plan: redeemPlan([replayToken], replayKey),
        note: 'one key: stored response',
        targets: [timesBaseline(0.3)],
        verify: async () => {
          const { debits, records } = await redeemLedger(app, replayed);
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
