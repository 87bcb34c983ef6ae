import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Running } from '../src/server/container';
import { naiveWixClient } from './lib/naive-client';

interface NaiveVisit {
  data?: { memberId?: string };
}

/**
 * The gym-visit baseline: the Wix gym sample's step 5 as written (seed 002), none of our layers. Query the
 * member's ACTIVE pool, then `changeBalance` +1 with a fresh GUID — through the real SDK set up as the
 * samples set it up (`lib/naive-client.ts`), against the same local Wix as the app. No signature check, no
 * event dedupe, no daily cap, no visit record.
 */
export function naiveVisitFlow(running: Running): Hono {
  const wix = naiveWixClient(running);
  const { namespace } = running.program;
  return new Hono().post('/naive/gym-visits', async (c) => {
    const memberId = (await c.req.json<NaiveVisit>()).data?.memberId ?? '';
    const { pools } = await wix.pools.queryPools({
      filter: { 'beneficiary.memberId': memberId, status: 'ACTIVE', namespace },
      cursorPaging: { limit: 1 },
    });
    const poolId = pools?.[0]?._id;
    if (!poolId) return c.json({ error: 'no active pool' }, 422);
    const res = await wix.balances.changeBalance(poolId, randomUUID(), {
      type: 'ADJUST',
      adjustOptions: { value: '1' },
      transactionDetails: { reason: 'Gym visit' },
    });
    return c.json({ transactionId: res.transactionId });
  });
}
