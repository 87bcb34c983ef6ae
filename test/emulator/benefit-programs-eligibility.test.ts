import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  enrollMember,
  type GymBenefitKey,
  type GymSample,
  startEnrolledGym,
  WIX_STORES_APP_ID,
} from '../support/gym-sample';
import { type LocalWix, wixErrorCode } from '../support/local-wix';

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
const available = async (id = poolId) => (await sdk.balances.getBalance(id)).amount?.available;

describe('eligibility', () => {
  it('checks one benefit: eligible, not enough balance, inactive, unknown', async () => {
    const check = (key: GymBenefitKey, pool = poolId) =>
      sdk.pools.checkBenefitEligibility(pool, {
        benefitKey: key,
        itemReference: product(key),
        namespace: 'gym',
      });
    expect((await check('gym20')).result?.benefitResults).toEqual([
      {
        type: 'ELIGIBLE_BENEFIT',
        eligibleBenefitOptions: { poolId, benefitKey: 'gym20', itemReference: product('gym20'), price: '20' },
      },
    ]);
    expect((await check('gym30')).result?.benefitResults).toEqual([
      {
        type: 'NOT_ENOUGH_BALANCE',
        notEnoughBalanceOptions: {
          poolId,
          itemReference: product('gym30'),
          availableBalance: '25',
          requestedBalance: '30',
        },
      },
    ]);
    const unknown = randomUUID();
    expect((await check('gym10', unknown)).result?.benefitResults).toEqual([
      { type: 'POOL_NOT_FOUND', poolNotFoundOptions: { poolId: unknown } },
    ]);
    const wrongKey = await sdk.pools.checkBenefitEligibility(poolId, {
      benefitKey: 'nope',
      itemReference: product('gym10'),
      namespace: 'gym',
    });
    expect(wrongKey.result?.benefitResults).toEqual([
      { type: 'BENEFIT_NOT_FOUND', benefitNotFoundOptions: { poolId, benefitKey: 'nope' } },
    ]);
    await sdk.programs.pauseProgram(programId, { idempotencyKey: 'p' });
    expect((await check('gym10')).result?.benefitResults).toEqual([
      { type: 'POOL_NOT_ACTIVE', poolNotActiveOptions: { poolId, poolStatus: 'PAUSED' } },
    ]);
    expect(await available()).toBe('25');
  });

  it('resolves the benefit through the item when no key is given, also with a count', async () => {
    const res = await sdk.pools.checkBenefitEligibility(poolId, {
      itemReference: product('gym10'),
      count: 3,
      namespace: 'gym',
    });
    expect(res.result?.benefitResults?.[0]).toMatchObject({
      type: 'NOT_ENOUGH_BALANCE',
      notEnoughBalanceOptions: { requestedBalance: '30' },
    });
  });

  it('bulk-checks every selector independently, echoing each selector', async () => {
    const res = await sdk.pools.bulkCheckBenefitEligibility({
      namespace: 'gym',
      benefitSelectors: (['gym10', 'gym20', 'gym30'] as const).map((key) => ({
        poolId,
        itemReference: product(key),
        count: 1,
      })),
    });
    const summary = res.results?.map((r) => {
      const first = r.result?.benefitResults?.[0];
      return [
        r.benefitSelector?.itemReference?.externalId,
        first?.type,
        first?.eligibleBenefitOptions?.benefitKey,
      ];
    });
    expect(summary).toEqual([
      [gym.benefits.gym10.productId, 'ELIGIBLE_BENEFIT', 'gym10'],
      [gym.benefits.gym20.productId, 'ELIGIBLE_BENEFIT', 'gym20'],
      [gym.benefits.gym30.productId, 'NOT_ENOUGH_BALANCE', undefined],
    ]);
    expect(res.results?.[0]?.benefitSelector?.poolId).toBe(poolId);

    const stranger = await sdk.pools.bulkCheckBenefitEligibility({
      namespace: 'gym',
      benefitSelectors: [
        { poolId, itemReference: { externalId: randomUUID(), providerAppId: WIX_STORES_APP_ID } },
      ],
    });
    expect(stranger.results?.[0]?.result?.benefitResults?.[0]?.type).toBe('BENEFIT_NOT_FOUND');
  });

  it('lists the eligible benefits for an item across active pools, per beneficiary', async () => {
    const other = await enrollMember(sdk, gym, 'm-2');
    await sdk.balances.changeBalance(other.poolId, 'v', { type: 'ADJUST', adjustOptions: { value: '10' } });
    const poor = await enrollMember(sdk, gym, 'm-3');
    const paused = await enrollMember(sdk, gym, 'm-4');
    await sdk.balances.changeBalance(paused.poolId, 'v', { type: 'ADJUST', adjustOptions: { value: '50' } });
    await sdk.programs.pauseProgram(paused.programId, { idempotencyKey: 'p' });

    const all = await sdk.pools.getEligibleBenefits(product('gym10'), { namespace: 'gym' });
    expect(all.eligibleBenefits?.map((b) => b.poolId).sort()).toEqual([poolId, other.poolId].sort());
    expect(all.eligibleBenefits?.find((b) => b.poolId === poolId)).toEqual({
      poolId,
      benefitKey: 'gym10',
      itemReference: product('gym10'),
      price: '10',
    });
    expect(all.eligibleBenefits?.some((b) => b.poolId === poor.poolId)).toBe(false);

    const mine = await sdk.pools.getEligibleBenefits(product('gym10'), {
      namespace: 'gym',
      beneficiary: { memberId: 'm-2' },
    });
    expect(mine.eligibleBenefits?.map((b) => b.poolId)).toEqual([other.poolId]);
    const tooMany = await sdk.pools.getEligibleBenefits(product('gym10'), { namespace: 'gym', count: 2 });
    expect(tooMany.eligibleBenefits?.map((b) => b.poolId)).toEqual([poolId]);
    const unknown = await sdk.pools.getEligibleBenefits(
      { externalId: randomUUID(), providerAppId: WIX_STORES_APP_ID },
      { namespace: 'gym' },
    );
    expect(unknown.eligibleBenefits).toEqual([]);
    const invalid = await sdk.pools
      .getEligibleBenefits({ externalId: '', providerAppId: WIX_STORES_APP_ID }, { namespace: 'gym' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(wixErrorCode(invalid)).toBe('INVALID_ITEM_REFERENCE');
  });
});
