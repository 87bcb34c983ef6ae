import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  enrollMember,
  type GymBenefitKey,
  type GymSample,
  startEnrolledGym,
  WIX_STORES_APP_ID,
} from '../support/gym-sample';
import { type LocalWix, rejection, wixErrorCode } from '../support/local-wix';

let wix: LocalWix;
let sdk: LocalWix['sdk'];
let gym: GymSample;
let programId: string;
let poolId: string;

beforeEach(async () => {
  ({ wix, sdk, gym, programId, poolId } = await startEnrolledGym(25));
});
afterEach(() => wix.close());

const product = (key: GymBenefitKey) => ({
  externalId: gym.benefits[key].productId,
  providerAppId: WIX_STORES_APP_ID,
});
const redeem = (
  key: GymBenefitKey,
  options: { pool?: string; idempotencyKey?: string; count?: number } = {},
) =>
  sdk.pools.redeemBenefit(options.pool ?? poolId, {
    itemReference: product(key),
    benefitKey: key,
    idempotencyKey: options.idempotencyKey ?? randomUUID(),
    namespace: 'gym',
    beneficiary: { memberId: 'm-1' },
    ...(options.count ? { count: options.count } : {}),
  });
const available = async (id = poolId) => (await sdk.balances.getBalance(id)).amount?.available;
const poolTransactions = async (id = poolId) =>
  (await sdk.transactions.queryTransactions().eq('pool.id', id).descending('_createdDate').find()).items;

describe('redeemBenefit', () => {
  it('deducts the price and records the redemption', async () => {
    const { transactionId } = await redeem('gym10', { idempotencyKey: 'r-1' });
    expect(await available()).toBe('15');
    const balance = await sdk.balances.getBalance(poolId);
    expect(balance.lastTransactionId).toBe(transactionId);

    const tx = await sdk.transactions.getTransaction(transactionId ?? '');
    expect(tx).toMatchObject({
      _id: transactionId,
      amount: '10',
      source: 'AVAILABLE',
      target: 'EXTERNAL',
      idempotencyKey: 'r-1',
      status: 'COMPLETED',
      pool: { _id: poolId, programId },
      beneficiary: { memberId: 'm-1' },
      details: {
        itemCount: 1,
        benefitKey: 'gym10',
        item: {
          externalId: gym.benefits.gym10.productId,
          itemSetId: gym.benefits.gym10.itemSetId,
          providerAppId: WIX_STORES_APP_ID,
        },
      },
    });
    expect(tx.details?.item?._id).toBeTruthy();
    expect(tx.details?.effectiveDate).toBeInstanceOf(Date);
    expect(tx._createdDate).toBeInstanceOf(Date);
    expect(tx.relatedTransactionId ?? null).toBeNull();
  });

  it('charges price × count', async () => {
    await redeem('gym10', { count: 2 });
    expect(await available()).toBe('5');
    // Newest first, also when the clock has not moved.
    const [latest] = await poolTransactions();
    expect(latest?.amount).toBe('20');
  });

  it('never goes below zero: NOT_ENOUGH_BALANCE with the balances as data, nothing written', async () => {
    await redeem('gym20');
    const before = (await poolTransactions()).length;
    const err = await rejection(redeem('gym10'));
    expect(err).toEqual({
      code: 'NOT_ENOUGH_BALANCE',
      status: 428,
      data: { poolId, itemReference: product('gym10'), availableBalance: '5', requestedBalance: '10' },
    });
    const byCount = await rejection(redeem('gym10', { count: 3 }));
    expect(byCount.data).toMatchObject({ availableBalance: '5', requestedBalance: '30' });
    expect(await available()).toBe('5');
    expect(await poolTransactions()).toHaveLength(before);
  });

  it('refuses a reused idempotency key for the pool (BENEFIT_ALREADY_REDEEMED) and deducts once', async () => {
    await redeem('gym10', { idempotencyKey: 'same' });
    const err = await rejection(redeem('gym10', { idempotencyKey: 'same' }));
    expect(err).toEqual({
      code: 'BENEFIT_ALREADY_REDEEMED',
      status: 409,
      data: { poolId, idempotencyKey: 'same' },
    });
    // Even when the balance could no longer pay for it.
    await redeem('gym10');
    expect((await rejection(redeem('gym20', { idempotencyKey: 'same' }))).code).toBe(
      'BENEFIT_ALREADY_REDEEMED',
    );
    expect(await available()).toBe('5');

    // The key is per pool.
    const other = await enrollMember(sdk, gym, 'm-2');
    await sdk.balances.changeBalance(other.poolId, 'v', { type: 'ADJUST', adjustOptions: { value: '10' } });
    await sdk.pools.redeemBenefit(other.poolId, {
      itemReference: product('gym10'),
      benefitKey: 'gym10',
      idempotencyKey: 'same',
      namespace: 'gym',
    });
    expect(await available(other.poolId)).toBe('0');
  });

  it('does not burn the key of a redemption that failed', async () => {
    expect((await rejection(redeem('gym30', { idempotencyKey: 'k' }))).code).toBe('NOT_ENOUGH_BALANCE');
    await sdk.balances.changeBalance(poolId, 'top-up', { type: 'ADJUST', adjustOptions: { value: '5' } });
    await redeem('gym30', { idempotencyKey: 'k' });
    expect(await available()).toBe('0');
  });

  it('refuses paused and ended pools with POOL_NOT_ACTIVE', async () => {
    await sdk.programs.pauseProgram(programId, { idempotencyKey: 'p' });
    const paused = await rejection(redeem('gym10'));
    expect(paused).toEqual({ code: 'POOL_NOT_ACTIVE', status: 428, data: { poolId, poolStatus: 'PAUSED' } });
    await sdk.programs.endProgram(programId);
    const ended = await rejection(redeem('gym10'));
    expect(ended.data).toEqual({ poolId, poolStatus: 'ENDED' });
    expect(await available()).toBe('25');
  });

  it('answers POOL_NOT_FOUND for an unknown pool, another namespace or another beneficiary', async () => {
    const unknown = randomUUID();
    expect(await rejection(redeem('gym10', { pool: unknown }))).toEqual({
      code: 'POOL_NOT_FOUND',
      status: 404,
      data: { poolId: unknown },
    });
    const wrongNamespace = sdk.pools.redeemBenefit(poolId, {
      itemReference: product('gym10'),
      benefitKey: 'gym10',
      idempotencyKey: randomUUID(),
      namespace: 'other',
    });
    expect((await rejection(wrongNamespace)).code).toBe('POOL_NOT_FOUND');
    const wrongMember = sdk.pools.redeemBenefit(poolId, {
      itemReference: product('gym10'),
      benefitKey: 'gym10',
      idempotencyKey: randomUUID(),
      namespace: 'gym',
      beneficiary: { memberId: 'm-2' },
    });
    expect((await rejection(wrongMember)).code).toBe('POOL_NOT_FOUND');
  });

  it('answers BENEFIT_NOT_FOUND for an unknown key or an item outside the benefit', async () => {
    const call = (benefitKey: string, externalId: string) =>
      sdk.pools.redeemBenefit(poolId, {
        itemReference: { externalId, providerAppId: WIX_STORES_APP_ID },
        benefitKey,
        idempotencyKey: randomUUID(),
        namespace: 'gym',
      });
    expect(await rejection(call('gym99', gym.benefits.gym10.productId))).toEqual({
      code: 'BENEFIT_NOT_FOUND',
      status: 404,
      data: { poolId, benefitKey: 'gym99' },
    });
    expect((await rejection(call('gym10', gym.benefits.gym20.productId))).code).toBe('BENEFIT_NOT_FOUND');
    expect((await rejection(call('gym10', randomUUID()))).code).toBe('BENEFIT_NOT_FOUND');
    expect(await available()).toBe('25');
  });

  it('rejects a request without an idempotency key as a validation error', async () => {
    type Invalid = { details?: { validationError?: { fieldViolations?: { field?: string }[] } } };
    const call = sdk.pools.redeemBenefit(poolId, {
      itemReference: product('gym10'),
      benefitKey: 'gym10',
      idempotencyKey: '',
      namespace: 'gym',
    });
    const err = (await call.then(
      () => undefined,
      (e: unknown) => e,
    )) as Invalid | undefined;
    expect(err?.details?.validationError?.fieldViolations?.[0]?.field).toContain('idempotencyKey');
  });

  it('lets exactly as many concurrent redemptions through as the balance pays for', async () => {
    await sdk.balances.changeBalance(poolId, 'set-95', { type: 'SET', setOptions: { value: '95' } });
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => redeem('gym10')));
    const succeeded = results.filter((r) => r.status === 'fulfilled');
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [wixErrorCode(r.reason)] : []));
    expect(succeeded).toHaveLength(9);
    expect(new Set(failed)).toEqual(new Set(['NOT_ENOUGH_BALANCE']));
    expect(await available()).toBe('5');
    const redemptions = (await poolTransactions()).filter((t) => t.details?.benefitKey === 'gym10');
    expect(redemptions).toHaveLength(9);
  });
});
