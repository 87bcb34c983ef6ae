import { randomUUID } from 'node:crypto';
import type { transactions } from '@wix/benefit-programs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrollMember, type GymSample, startEnrolledGym, WIX_STORES_APP_ID } from '../support/gym-sample';
import { type LocalWix, rejection } from '../support/local-wix';

let wix: LocalWix;
let sdk: LocalWix['sdk'];
let gym: GymSample;
let programId: string;
let poolId: string;

beforeEach(async () => {
  ({ wix, sdk, gym, programId, poolId } = await startEnrolledGym());
});
afterEach(() => wix.close());

const adjust = (value: string, key: string = randomUUID(), pool = poolId) =>
  sdk.balances.changeBalance(pool, key, { type: 'ADJUST', adjustOptions: { value } });
const setTo = (value: string, key: string = randomUUID()) =>
  sdk.balances.changeBalance(poolId, key, { type: 'SET', setOptions: { value } });
const available = async (pool = poolId) => (await sdk.balances.getBalance(pool)).amount?.available;
const poolTransactions = async () =>
  (await sdk.transactions.queryTransactions().eq('pool.id', poolId).descending('_createdDate').find()).items;
/** Transactions carrying an idempotency key (the typings leave that filter out; the project uses it). */
const withKey = async (key: string) => {
  const query = { filter: { idempotencyKey: key } } as unknown as transactions.TransactionQuery;
  return (await sdk.transactions.queryTransactions(query)).transactions ?? [];
};
const redeemGym10 = (idempotencyKey: string = randomUUID()) =>
  sdk.pools.redeemBenefit(poolId, {
    itemReference: { externalId: gym.benefits.gym10.productId, providerAppId: WIX_STORES_APP_ID },
    benefitKey: 'gym10',
    idempotencyKey,
    namespace: 'gym',
  });

describe('balances', () => {
  it('has one balance per pool, keyed by the pool id', async () => {
    const balance = await sdk.balances.getBalance(poolId);
    expect(balance).toMatchObject({
      _id: poolId,
      revision: '1',
      beneficiary: { memberId: 'm-1' },
      amount: { available: '0', reserved: '0' },
      poolInfo: {
        _id: poolId,
        programId,
        poolDefinitionId: gym.poolDefinitionId,
        programDefinitionId: gym.programDefinitionId,
        namespace: 'gym',
        creditAmount: '0',
        status: 'ACTIVE',
      },
    });
    expect(balance._createdDate).toBeInstanceOf(Date);
    expect((await rejection(sdk.balances.getBalance(randomUUID()))).status).toBe(404);
  });

  it('adjusts up and down, recording a transaction with the key, party and details', async () => {
    const credit = await sdk.balances.changeBalance(poolId, 'visit-1', {
      type: 'ADJUST',
      adjustOptions: { value: '7' },
      instructingParty: { wixUserId: 'u-1' },
      transactionDetails: { reason: 'Gym visit', item: { externalId: 'visit', _id: 'it-0' } },
    });
    expect(credit.balance?.amount?.available).toBe('7');
    expect(credit.balance?.lastTransactionId).toBe(credit.transactionId);
    expect(credit.balance?.revision).toBe('2');
    const tx = await sdk.transactions.getTransaction(credit.transactionId ?? '');
    expect(tx).toMatchObject({
      amount: '7',
      source: 'EXTERNAL',
      target: 'AVAILABLE',
      idempotencyKey: 'visit-1',
      instructingParty: { wixUserId: 'u-1' },
      beneficiary: { memberId: 'm-1' },
      status: 'COMPLETED',
      pool: { _id: poolId },
      details: { reason: 'Gym visit', item: { externalId: 'visit', _id: 'it-0' } },
    });
    expect(tx.details?.effectiveDate).toBeInstanceOf(Date);

    const debit = await adjust('-3');
    expect(debit.balance?.amount?.available).toBe('4');
    expect((await sdk.transactions.getTransaction(debit.transactionId ?? '')).source).toBe('AVAILABLE');
  });

  it('never goes below zero: a debit beyond the balance is NOT_ENOUGH_BALANCE and changes nothing', async () => {
    await adjust('4');
    const err = await rejection(adjust('-5'));
    expect(err).toMatchObject({
      code: 'NOT_ENOUGH_BALANCE',
      status: 428,
      data: { poolId, availableBalance: '4', requestedBalance: '5' },
    });
    expect(await available()).toBe('4');
    expect(await poolTransactions()).toHaveLength(1);
    const negativeSet = await sdk.balances
      .changeBalance(poolId, randomUUID(), { type: 'SET', setOptions: { value: '-1' } })
      .then(
        () => undefined,
        (e: unknown) => e as { details?: { validationError?: unknown } },
      );
    expect(negativeSet?.details?.validationError).toBeTruthy();
  });

  it('sets the balance, recording the difference', async () => {
    await setTo('10');
    await setTo('2');
    expect(await available()).toBe('2');
    const [latest, first] = await poolTransactions();
    expect([first?.amount, first?.target]).toEqual(['10', 'AVAILABLE']);
    expect([latest?.amount, latest?.source]).toEqual(['8', 'AVAILABLE']);
  });

  it('keeps decimals exact', async () => {
    for (let i = 0; i < 3; i++) await adjust('0.1');
    expect(await available()).toBe('0.3');
    await adjust('-0.3');
    expect(await available()).toBe('0');
  });

  it('changes once per idempotency key, answering a repeat with the first transaction', async () => {
    const first = await adjust('5', 'visit-1');
    const again = await adjust('5', 'visit-1');
    expect(again.transactionId).toBe(first.transactionId);
    expect(again.balance?.amount?.available).toBe('5');
    expect(await withKey('visit-1')).toHaveLength(1);

    // The repeat reports the balance as it is now, and still changes nothing.
    await adjust('2', 'visit-2');
    const late = await adjust('5', 'visit-1');
    expect(late.transactionId).toBe(first.transactionId);
    expect(late.balance?.amount?.available).toBe('7');
    expect(await poolTransactions()).toHaveLength(2);

    // Keys are per pool.
    const other = await enrollMember(sdk, gym, 'm-2');
    const elsewhere = await adjust('5', 'visit-1', other.poolId);
    expect(elsewhere.transactionId).not.toBe(first.transactionId);
    expect(await available(other.poolId)).toBe('5');
  });

  it('refuses changes to paused, ended and unknown pools', async () => {
    await sdk.programs.pauseProgram(programId, { idempotencyKey: 'p' });
    expect(await rejection(adjust('1'))).toEqual({
      code: 'POOL_NOT_ACTIVE',
      status: 428,
      data: { poolId, poolStatus: 'PAUSED' },
    });
    await sdk.programs.endProgram(programId);
    expect((await rejection(setTo('1'))).data).toEqual({ poolId, poolStatus: 'ENDED' });
    expect((await rejection(adjust('1', randomUUID(), randomUUID()))).code).toBe('POOL_NOT_FOUND');
    expect(await available()).toBe('0');
  });

  it('writes one transaction carrying its key for every kind of balance change', async () => {
    await adjust('40', 'k-adjust');
    await setTo('35', 'k-set');
    await redeemGym10('k-redeem');
    await sdk.programs.renewProgram(programId, { idempotencyKey: 'k-renew' });
    for (const key of ['k-adjust', 'k-set', 'k-redeem', 'k-renew']) {
      const found = await withKey(key);
      expect(found.map((t) => t.pool?._id)).toEqual([poolId]);
    }
    expect(await poolTransactions()).toHaveLength(4);
  });
});

describe('revertBalanceChange', () => {
  it('gives back a redemption exactly once', async () => {
    await adjust('25');
    const { transactionId } = await redeemGym10();
    expect(await available()).toBe('15');
    const reverted = await sdk.balances.revertBalanceChange(transactionId ?? '', 'undo-1');
    expect(await available()).toBe('25');
    const reverse = await sdk.transactions.getTransaction(reverted.transactionId ?? '');
    expect(reverse).toMatchObject({
      relatedTransactionId: transactionId,
      amount: '10',
      source: 'EXTERNAL',
      target: 'AVAILABLE',
      idempotencyKey: 'undo-1',
      details: { benefitKey: 'gym10' },
    });

    const again = await rejection(sdk.balances.revertBalanceChange(transactionId ?? '', 'undo-2'));
    expect(again).toEqual({
      code: 'CHANGE_ALREADY_REVERTED',
      status: 428,
      data: { originalTransactionId: transactionId, revertedTransactionId: reverted.transactionId },
    });
    expect(await available()).toBe('25');
  });

  it('undoes a credit, but not below zero', async () => {
    const credit = await adjust('10');
    await redeemGym10();
    const err = await rejection(sdk.balances.revertBalanceChange(credit.transactionId ?? '', 'undo'));
    expect(err).toMatchObject({
      code: 'NOT_ENOUGH_BALANCE',
      data: { availableBalance: '0', requestedBalance: '10', balance: { available: '0' }, requested: '10' },
    });
    await adjust('10');
    await sdk.balances.revertBalanceChange(credit.transactionId ?? '', 'undo');
    expect(await available()).toBe('0');
  });

  it('reverts on a paused pool and answers TRANSACTION_NOT_FOUND for an unknown transaction', async () => {
    const credit = await adjust('3');
    await sdk.programs.pauseProgram(programId, { idempotencyKey: 'p' });
    await sdk.balances.revertBalanceChange(credit.transactionId ?? '', 'undo');
    expect(await available()).toBe('0');
    const missing = await rejection(sdk.balances.revertBalanceChange(randomUUID(), 'undo'));
    expect(missing).toMatchObject({ code: 'TRANSACTION_NOT_FOUND', status: 404 });
  });
});

describe('transactions', () => {
  it('gets one, and lists a pool newest first', async () => {
    const a = await adjust('1', 'first');
    wix.clock.advance(60_000);
    await adjust('1', 'second');
    expect((await sdk.transactions.getTransaction(a.transactionId ?? '')).idempotencyKey).toBe('first');
    const newest = await sdk.transactions.queryTransactions({
      filter: { 'pool._id': poolId },
      sort: [{ fieldName: '_createdDate', order: 'DESC' }],
    });
    expect(newest.transactions?.map((t) => t.idempotencyKey)).toEqual(['second', 'first']);
    const oldest = await sdk.transactions
      .queryTransactions()
      .eq('pool.id', poolId)
      .ascending('_createdDate')
      .find();
    expect(oldest.items.map((t) => t.idempotencyKey)).toEqual(['first', 'second']);
    const missing = await rejection(sdk.transactions.getTransaction(randomUUID()));
    expect(missing).toMatchObject({ code: 'TRANSACTION_NOT_FOUND', status: 404 });
  });
});
