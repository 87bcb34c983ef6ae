import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { balances, pools } from '@wix/benefit-programs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGymSample, enrollMember, type GymSample, WIX_STORES_APP_ID } from '../support/gym-sample';
import { type LocalWix, startLocalWix, wixErrorCode } from '../support/local-wix';

let wix: LocalWix;
let sdk: LocalWix['sdk'];
let gym: GymSample;
/** Five members' programs, in enrollment order. */
let enrolled: { programId: string; poolId: string; memberId: string }[];

beforeEach(async () => {
  wix = startLocalWix();
  sdk = wix.sdk;
  gym = await createGymSample(sdk);
  enrolled = [];
  for (const memberId of ['m-1', 'm-2', 'm-3', 'm-4', 'm-5']) {
    wix.clock.advance(1000);
    enrolled.push({ ...(await enrollMember(sdk, gym, memberId)), memberId });
  }
});
afterEach(() => wix.close());

const poolIds = (n: number[]) => n.map((i) => enrolled[i]?.poolId);

describe('cursor paging', () => {
  it('walks the pages of a builder query with limit and next()', async () => {
    const page1 = await sdk.pools
      .queryPools()
      .eq('namespace', 'gym')
      .ascending('_createdDate')
      .limit(2)
      .find();
    expect(page1.items.map((p) => p._id)).toEqual(poolIds([0, 1]));
    expect(page1.pageSize).toBe(2);
    expect(page1.hasNext()).toBe(true);
    expect(page1.hasPrev()).toBe(false);

    const page2 = await page1.next();
    expect(page2.items.map((p) => p._id)).toEqual(poolIds([2, 3]));
    expect(page2.hasPrev()).toBe(true);

    const page3 = await page2.next();
    expect(page3.items.map((p) => p._id)).toEqual(poolIds([4]));
    expect(page3.hasNext()).toBe(false);

    const back = await page3.prev();
    expect(back.items.map((p) => p._id)).toEqual(poolIds([2, 3]));
  });

  it('keeps filter and sort across pages (descending: newest first)', async () => {
    const page1 = await sdk.pools
      .queryPools()
      .ne('beneficiary.memberId', 'm-3')
      .descending('_createdDate')
      .limit(2)
      .find();
    const page2 = await page1.next();
    expect([...page1.items, ...page2.items].map((p) => p._id)).toEqual(poolIds([4, 3, 1, 0]));
    expect(page2.hasNext()).toBe(false);
  });

  it('answers a typed query with the whole response and a usable cursor', async () => {
    const first = await sdk.pools.queryPools({ filter: { namespace: 'gym' }, cursorPaging: { limit: 3 } });
    expect(first.pools).toHaveLength(3);
    expect(first.metadata).toMatchObject({ count: 3, hasNext: true });
    const cursor = first.metadata?.cursors?.next ?? '';
    expect(cursor).not.toBe('');
    const rest = await sdk.pools.queryPools({ cursorPaging: { cursor, limit: 3 } });
    expect(rest.pools).toHaveLength(2);
    expect(rest.metadata?.cursors?.next ?? null).toBeNull();
  });

  it('pages programs, balances and transactions the same way', async () => {
    const programs = await sdk.programs.queryPrograms().limit(4).find();
    expect(programs.items).toHaveLength(4);
    expect((await programs.next()).items).toHaveLength(1);
    const balances = await sdk.balances.queryBalances().limit(3).find();
    expect((await balances.next()).items).toHaveLength(2);
    for (const { poolId } of enrolled) {
      await sdk.balances.changeBalance(poolId, randomUUID(), {
        type: 'ADJUST',
        adjustOptions: { value: '1' },
      });
    }
    const txs = await sdk.transactions.queryTransactions().limit(2).find();
    const more = await txs.next();
    expect([...txs.items, ...more.items]).toHaveLength(4);
    expect(more.hasNext()).toBe(true);
  });

  it('rejects a garbled cursor as a validation error', async () => {
    const err = await sdk.pools
      .queryPools({ cursorPaging: { cursor: 'not-a-cursor' } })
      .catch((e: unknown) => e);
    expect((err as { details?: { validationError?: unknown } }).details?.validationError).toBeTruthy();
  });
});

describe('filters', () => {
  it('combines conditions with $and ($in on namespace), as the project queries pools', async () => {
    await sdk.programs.pauseProgram(enrolled[1]?.programId ?? '', { idempotencyKey: 'k' });
    const other = await createGymSample(sdk, { namespace: 'other' });
    await enrollMember(sdk, other, 'm-1');
    const active = await sdk.pools
      .queryPools()
      .eq('beneficiary.memberId', 'm-1')
      .eq('status', 'ACTIVE')
      .in('namespace', ['gym'])
      .find();
    expect(active.items.map((p) => p._id)).toEqual(poolIds([0]));
    const both = await sdk.pools
      .queryPools()
      .eq('beneficiary.memberId', 'm-1')
      .in('namespace', ['gym', 'other'])
      .find();
    expect(both.items).toHaveLength(2);
    const paused = await sdk.pools
      .queryPools()
      .eq('beneficiary.memberId', 'm-2')
      .eq('status', 'ACTIVE')
      .find();
    expect(paused.items).toHaveLength(0);
  });

  it('supports $ne, $hasSome, id $in and programId', async () => {
    await sdk.programs.endProgram(enrolled[2]?.programId ?? '');
    const notEnded = await sdk.pools.queryPools().ne('status', 'ENDED').find();
    expect(notEnded.items).toHaveLength(4);
    // The typings leave $hasSome on status out; the project sends it.
    const query = { filter: { status: { $hasSome: ['ENDED', 'PAUSED'] } } } as unknown as pools.PoolQuery;
    const hasSome = await sdk.pools.queryPools(query);
    expect(hasSome.pools?.map((p) => p._id)).toEqual(poolIds([2]));
    const byIds = await sdk.pools
      .queryPools()
      .in('_id', poolIds([1, 3]))
      .find();
    expect(byIds.items.map((p) => p._id).sort()).toEqual(poolIds([1, 3]).sort());
    const byProgram = await sdk.pools.queryPools().eq('programId', enrolled[4]?.programId).find();
    expect(byProgram.items.map((p) => p._id)).toEqual(poolIds([4]));
  });

  it('filters programs by beneficiary, balances by program and transactions by pool and member', async () => {
    const target = enrolled[3];
    const programs = await sdk.programs
      .queryPrograms()
      .eq('externalId', `${gym.programDefinitionId}_m-4`)
      .find();
    expect(programs.items.map((p) => p._id)).toEqual([target?.programId]);
    // The typings leave poolInfo.programId out of the balance filters; the project sends it.
    const query = { filter: { 'poolInfo.programId': target?.programId } } as unknown as balances.BalanceQuery;
    const ofProgram = await sdk.balances.queryBalances(query);
    expect(ofProgram.balances?.map((b) => b._id)).toEqual([target?.poolId]);
    const byId = await sdk.balances.queryBalances().eq('_id', target?.poolId).find();
    expect(byId.items).toHaveLength(1);

    await sdk.balances.changeBalance(target?.poolId ?? '', 'k1', {
      type: 'ADJUST',
      adjustOptions: { value: '2' },
    });
    await sdk.balances.changeBalance(enrolled[0]?.poolId ?? '', 'k2', {
      type: 'ADJUST',
      adjustOptions: { value: '2' },
    });
    const byPool = await sdk.transactions.queryTransactions().eq('pool.id', target?.poolId).find();
    expect(byPool.items.map((t) => t.idempotencyKey)).toEqual(['k1']);
    const typed = await sdk.transactions.queryTransactions({ filter: { 'pool._id': target?.poolId } });
    expect(typed.transactions?.map((t) => t.idempotencyKey)).toEqual(['k1']);
    const byMember = await sdk.transactions.queryTransactions().eq('beneficiary.memberId', 'm-1').find();
    expect(byMember.items.map((t) => t.idempotencyKey)).toEqual(['k2']);
  });

  it('lists balances by pool ids', async () => {
    const listed = await sdk.balances.listBalances({ poolIds: poolIds([0, 4]).map(String) });
    expect(listed.balances?.map((b) => b._id).sort()).toEqual(poolIds([0, 4]).sort());
  });
});

describe('durability', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bp-emulator-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a second local Wix on the same SQLite file sees the same state and keys', async () => {
    const file = join(dir, 'wix.sqlite');
    const first = startLocalWix({ file });
    const sample = await createGymSample(first.sdk);
    const { programId, poolId } = await enrollMember(first.sdk, sample, 'm-1');
    const credit = await first.sdk.balances.changeBalance(poolId, 'credit-1', {
      type: 'ADJUST',
      adjustOptions: { value: '25' },
    });
    const redeem = { externalId: sample.benefits.gym10.productId, providerAppId: WIX_STORES_APP_ID };
    await first.sdk.pools.redeemBenefit(poolId, {
      itemReference: redeem,
      benefitKey: 'gym10',
      idempotencyKey: 'r-1',
      namespace: 'gym',
    });
    first.close();

    const second = startLocalWix({ file });
    try {
      expect((await second.sdk.programs.getProgram(programId)).status).toBe('ACTIVE');
      expect((await second.sdk.balances.getBalance(poolId)).amount?.available).toBe('15');
      const txs = await second.sdk.transactions.queryTransactions().eq('pool.id', poolId).find();
      expect(txs.items).toHaveLength(2);
      // Idempotency and indexes survive too.
      const replay = await second.sdk.balances.changeBalance(poolId, 'credit-1', {
        type: 'ADJUST',
        adjustOptions: { value: '25' },
      });
      expect(replay.transactionId).toBe(credit.transactionId);
      const again = await second.sdk.pools
        .redeemBenefit(poolId, {
          itemReference: redeem,
          benefitKey: 'gym10',
          idempotencyKey: 'r-1',
          namespace: 'gym',
        })
        .catch((e: unknown) => e);
      expect(wixErrorCode(again)).toBe('BENEFIT_ALREADY_REDEEMED');
      const byKey = await second.sdk.programs.getProgramByExternalIdAndNamespace('gym', {
        externalId: `${sample.programDefinitionId}_m-1`,
      });
      expect(byKey.program?._id).toBe(programId);
      expect((await second.sdk.balances.getBalance(poolId)).amount?.available).toBe('15');
    } finally {
      second.close();
    }
  });
});
