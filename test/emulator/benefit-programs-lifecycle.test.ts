import { randomUUID } from 'node:crypto';
import type { transactions } from '@wix/benefit-programs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGymSample, enrollMember, type GymSample } from '../support/gym-sample';
import { type LocalWix, rejection, startLocalWix } from '../support/local-wix';

let wix: LocalWix;
let sdk: LocalWix['sdk'];
let gym: GymSample;
type TransactionQuery = transactions.TransactionQuery;

beforeEach(async () => {
  wix = startLocalWix();
  sdk = wix.sdk;
  gym = await createGymSample(sdk);
});
afterEach(() => wix.close());

const adjust = (poolId: string, value: string, key = randomUUID()) =>
  sdk.balances.changeBalance(poolId, key, { type: 'ADJUST', adjustOptions: { value } });
const setBalance = (poolId: string, value: string, key = randomUUID()) =>
  sdk.balances.changeBalance(poolId, key, { type: 'SET', setOptions: { value } });
const available = async (poolId: string) => (await sdk.balances.getBalance(poolId)).amount?.available;
/** Transactions carrying an idempotency key (the typings leave that filter out; the project uses it). */
const withKey = async (key: string) =>
  (
    await sdk.transactions.queryTransactions({
      filter: { idempotencyKey: key },
    } as unknown as TransactionQuery)
  ).transactions ?? [];

describe('program lifecycle', () => {
  it('pauses and resumes the program with its pools; a reused key does nothing twice', async () => {
    const { programId, poolId } = await enrollMember(sdk, gym, 'm-1');
    const paused = await sdk.programs.pauseProgram(programId, { idempotencyKey: 'p1' });
    expect(paused.jobId).toBeTruthy();
    expect((await sdk.programs.getProgram(programId)).status).toBe('PAUSED');
    expect((await sdk.pools.getPool(poolId)).status).toBe('PAUSED');
    expect((await sdk.balances.getBalance(poolId)).poolInfo?.status).toBe('PAUSED');

    const again = await rejection(sdk.programs.pauseProgram(programId, { idempotencyKey: 'p2' }));
    expect(again).toMatchObject({
      code: 'PROGRAM_STATUS_TRANSITION_NOT_ALLOWED',
      status: 428,
      data: { currentStatus: 'PAUSED', requestedStatus: 'PAUSED' },
    });

    await sdk.programs.resumeProgram(programId, { idempotencyKey: 'r1' });
    expect((await sdk.pools.getPool(poolId)).status).toBe('ACTIVE');
    // The first pause's key again: answered with its job, the program stays active.
    const replay = await sdk.programs.pauseProgram(programId, { idempotencyKey: 'p1' });
    expect(replay.jobId).toBe(paused.jobId);
    expect((await sdk.programs.getProgram(programId)).status).toBe('ACTIVE');

    const resumeActive = await rejection(sdk.programs.resumeProgram(programId, { idempotencyKey: 'r2' }));
    expect(resumeActive.data).toEqual({ currentStatus: 'ACTIVE', requestedStatus: 'ACTIVE' });
  });

  it('ends the program and its pools for good', async () => {
    const { programId, poolId } = await enrollMember(sdk, gym, 'm-1');
    expect((await sdk.programs.endProgram(programId)).jobId).toBeTruthy();
    expect((await sdk.programs.getProgram(programId)).status).toBe('ENDED');
    expect((await sdk.pools.getPool(poolId)).status).toBe('ENDED');
    const endAgain = await rejection(sdk.programs.endProgram(programId));
    expect(endAgain).toMatchObject({
      code: 'PROGRAM_STATUS_TRANSITION_NOT_ALLOWED',
      data: { currentStatus: 'ENDED', requestedStatus: 'ENDED' },
    });
    const resume = await rejection(sdk.programs.resumeProgram(programId, { idempotencyKey: 'r' }));
    expect(resume.code).toBe('PROGRAM_STATUS_TRANSITION_NOT_ALLOWED');
    const renew = await rejection(sdk.programs.renewProgram(programId, { idempotencyKey: 'n' }));
    expect(renew.code).toBe('PROGRAM_STATUS_TRANSITION_NOT_ALLOWED');
    expect((await rejection(sdk.programs.endProgram(randomUUID()))).code).toBe('PROGRAM_NOT_FOUND');
  });
});

describe('renewal', () => {
  it('rolls over what is left up to the cap (amount 0, cap 5) and counts renewals', async () => {
    const { programId, poolId } = await enrollMember(sdk, gym, 'm-1');
    await setBalance(poolId, '2');
    await sdk.programs.renewProgram(programId, { idempotencyKey: 'month-1' });
    expect(await available(poolId)).toBe('2');
    expect((await sdk.pools.getPool(poolId)).renewalCount).toBe(1);

    await setBalance(poolId, '12');
    await sdk.programs.renewProgram(programId, { idempotencyKey: 'month-2' });
    expect(await available(poolId)).toBe('5');
    expect((await sdk.pools.getPool(poolId)).renewalCount).toBe(2);

    // The renewal is a transaction carrying the renewal's key: 12 → 5 takes 7 out.
    const { items } = await sdk.transactions.queryTransactions().eq('pool.id', poolId).find();
    const renewal = items.filter((t) => t.idempotencyKey === 'month-2');
    expect(renewal.map((t) => [t.amount, t.source, t.target])).toEqual([['7', 'AVAILABLE', 'EXTERNAL']]);
  });

  it('adds the credit amount on top of the rolled-over part', async () => {
    const sample = await createGymSample(sdk, { namespace: 'monthly', amount: '10' });
    const { programId, poolId } = await enrollMember(sdk, sample, 'm-1');
    expect(await available(poolId)).toBe('10');
    await setBalance(poolId, '7');
    await sdk.programs.renewProgram(programId, { idempotencyKey: 'k' });
    expect(await available(poolId)).toBe('15');
  });

  it('resets to the amount when rollover is disabled, and keeps everything when there is no cap', async () => {
    const reset = await createGymSample(sdk, {
      namespace: 'reset',
      amount: '10',
      rollover: { enabled: false },
    });
    const a = await enrollMember(sdk, reset, 'm-1');
    await setBalance(a.poolId, '7');
    await sdk.programs.renewProgram(a.programId, { idempotencyKey: 'k' });
    expect(await available(a.poolId)).toBe('10');

    const uncapped = await createGymSample(sdk, {
      namespace: 'uncapped',
      amount: '10',
      rollover: { enabled: true },
    });
    const b = await enrollMember(sdk, uncapped, 'm-1');
    await setBalance(b.poolId, '7');
    await sdk.programs.renewProgram(b.programId, { idempotencyKey: 'k' });
    expect(await available(b.poolId)).toBe('17');
  });

  it('renews once per idempotency key', async () => {
    const { programId, poolId } = await enrollMember(sdk, gym, 'm-1');
    await setBalance(poolId, '12');
    const first = await sdk.programs.renewProgram(programId, { idempotencyKey: 'month-1' });
    expect(await available(poolId)).toBe('5');
    await adjust(poolId, '10');
    const second = await sdk.programs.renewProgram(programId, { idempotencyKey: 'month-1' });
    expect(second.jobId).toBe(first.jobId);
    expect(await available(poolId)).toBe('15');
    expect((await sdk.pools.getPool(poolId)).renewalCount).toBe(1);
    expect(await withKey('month-1')).toHaveLength(1);

    await sdk.programs.renewProgram(programId, { idempotencyKey: 'month-2' });
    expect(await available(poolId)).toBe('5');
    expect((await sdk.pools.getPool(poolId)).renewalCount).toBe(2);
  });
});
