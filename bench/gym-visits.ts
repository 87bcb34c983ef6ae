import { addWebhookSource } from '../src/core/integrations/webhook-sources';
import { signWebhook } from '../webhooks/sign';
import { seedMembers } from './lib/ledger';
import { runLoad } from './lib/load';
import type { Scenario, Suite } from './lib/scenario';
import { listen } from './lib/servers';
import { timesVersus } from './lib/targets';
import {
  checkIssued,
  checkNaiveCredits,
  checkOutcomes,
  OUTCOMES,
  visit,
  visitLedgers,
  visitPlan,
} from './lib/visit-ledger';
import { naiveVisitFlow } from './naive-visit-flow';

const SOURCE = 'bench-gym';
const PATH = `/webhooks/${SOURCE}/gym-visits`;
const MEMBERS = 200;
const RESCANNED = 50;
const NAIVE = 'gym visits, naive seed flow';
/** The re-scanned members' day: setup gives each its one token of that day, so the load only meets the cap. */
const SCANNED_DAY = '1999-12-31T12:00:00.000Z';

/**
 * Issue 5: partner gym-visit webhooks under load — each a new (member, day), or a door re-scan on a day the
 * member already got its token.
 */
export const gymVisitSuite: Suite = {
  name: 'gym visits',
  async setup({ app, options }) {
    const slack = 2 * options.connections;
    const { secret } = await addWebhookSource(app.running.deps, { name: SOURCE });
    const distinct = await seedMembers(app, 'bench-visit', MEMBERS, 0);
    const naive = await seedMembers(app, 'bench-vnaive', MEMBERS, 0);
    const door = await seedMembers(app, 'bench-door', RESCANNED, 0);
    const warm = await seedMembers(app, 'bench-vwarm', 10, 0);
    for (const memberId of door.keys()) {
      const signed = signWebhook(secret, `msg_scan-${memberId}`, visit(memberId, SCANNED_DAY));
      const res = await app.running.app.request(PATH, { method: 'POST', ...signed });
      const text = await res.text();
      if (!text.includes(OUTCOMES.issued))
        throw new Error(`first scan of ${memberId}: ${res.status} ${text}`);
    }
    const ledgers = visitLedgers(app, app.storeFile);
    const naiveServer = await listen(naiveVisitFlow(app.running).fetch);

    // The process is warm from the suites before (the naive flow's SDK calls too), the webhook route is not:
    // warm it up on members of its own before any row, on top of each row's own warm-up.
    await runLoad({
      connections: options.connections,
      warmupSeconds: 0,
      durationSeconds: 2 * options.warmupSeconds,
      url: app.server.url,
      plan: visitPlan(PATH, secret, [...warm.keys()]),
    });

    const scenarios: Scenario[] = [
      {
        name: NAIVE,
        url: naiveServer.url,
        plan: visitPlan('/naive/gym-visits', secret, [...naive.keys()]),
        note: 'baseline 2: queryPools + changeBalance per visit, no verification/dedupe/cap/record',
        verify: async (ok) => checkNaiveCredits(await ledgers.read('bench-vnaive', naive), ok, slack),
      },
      {
        name: 'gym visits, distinct members',
        url: app.server.url,
        plan: visitPlan(PATH, secret, [...distinct.keys()]),
        note: `${MEMBERS} members round-robin, a new day per visit, signed, unique ids`,
        versus: NAIVE,
        targets: [timesVersus(1.5)],
        verify: async (ok, tally) =>
          checkIssued(await ledgers.read('bench-visit', distinct), ok, tally, slack),
      },
      {
        name: 'gym visits, door re-scans (daily cap)',
        url: app.server.url,
        plan: visitPlan(PATH, secret, [...door.keys()], SCANNED_DAY),
        note: `${RESCANNED} members re-scanned on a day already credited, unique ids`,
        versus: NAIVE,
        verify: async (ok, tally) => {
          checkOutcomes(ok, tally, 'capped');
          const { credited, records, given } = await ledgers.read('bench-door', door);
          if (credited !== RESCANNED || records !== RESCANNED || given !== RESCANNED) {
            throw new Error(
              `${credited} tokens, ${records} visit records (${given} confirmed), not ${RESCANNED}`,
            );
          }
          return `ledger ok: still ${RESCANNED} tokens = visit records, all 2xx daily_cap_reached`;
        },
      },
    ];
    return {
      scenarios,
      close: async () => {
        ledgers.close();
        await naiveServer.close();
      },
    };
  },
};
