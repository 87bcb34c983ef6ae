import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Running } from '../src/server/container';
import { naiveWixClient } from './lib/naive-client';

interface NaiveBody {
  args?: [{ memberId?: string; externalId?: string }];
}

/**
 * The second baseline: the Wix gym sample's steps 6–7 as written (seed 002), none of our layers. Query the
 * member's ACTIVE pool, query the item, match the benefit by item set, `redeemBenefit` with a fresh GUID —
 * through the real SDK set up as the samples set it up (`lib/naive-client.ts`), against the same local Wix
 * as the app. No auth (the member id is in the body), no idempotency store, no member lock, no redemption
 * record.
 */
export function naiveSeedFlow(running: Running): Hono {
  const wix = naiveWixClient(running);
  const { namespace, providerAppId } = running.program;
  return new Hono().post('/naive/redeem', async (c) => {
    const input = (await c.req.json<NaiveBody>()).args?.[0];
    const memberId = input?.memberId ?? '';
    const externalId = input?.externalId ?? '';
    const { pools } = await wix.pools.queryPools({
      filter: { 'beneficiary.memberId': memberId, status: 'ACTIVE', namespace },
      cursorPaging: { limit: 1 },
    });
    const { items } = await wix.items.queryItems({
      filter: { externalId, providerAppId, namespace },
      cursorPaging: { limit: 1 },
    });
    const pool = pools?.[0];
    const item = items?.[0];
    const benefit = pool?.details?.benefits?.find((b) => b.itemSetId === item?.itemSetId);
    if (!pool?._id || !benefit?.benefitKey) return c.json({ error: 'not redeemable' }, 422);
    const res = await wix.pools.redeemBenefit(pool._id, {
      benefitKey: benefit.benefitKey,
      itemReference: { externalId, providerAppId },
      count: 1,
      idempotencyKey: randomUUID(),
      beneficiary: { memberId },
      namespace,
    });
    return c.json({ result: { transactionId: res.transactionId } });
  });
}
