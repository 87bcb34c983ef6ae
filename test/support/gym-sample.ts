import { randomUUID } from 'node:crypto';
import type { WixClient } from '../../src/wix/clients';
import { startLocalWix } from './local-wix';

/** Wix Stores, the provider app of the gym merchandise. */
export const WIX_STORES_APP_ID = '215238eb-22a5-4c36-9e7b-e7c08025e04e';

export const GYM_BENEFITS = { gym10: '10', gym20: '20', gym30: '30' } as const;
export type GymBenefitKey = keyof typeof GYM_BENEFITS;

export interface GymSample {
  namespace: string;
  programDefinitionId: string;
  poolDefinitionId: string;
  /** Per benefit: its item set and the one product (item externalId) in it. */
  benefits: Record<GymBenefitKey, { itemSetId: string; productId: string; price: string }>;
}

export interface GymOptions {
  namespace?: string;
  amount?: string;
  rollover?: { enabled: boolean; balanceCap?: string };
}

/**
 * The "rewards for new gym members" sample flow of the Wix Benefit Programs docs (steps 1–3), made through the
 * real SDK: a program definition, a pool definition with gym10/20/30 priced 10/20/30 tokens (amount 0, up to 5
 * rolled over) and one Wix Stores product per benefit. Seeds a local Wix for tests and demos.
 */
export async function createGymSample(sdk: WixClient, options: GymOptions = {}): Promise<GymSample> {
  const namespace = options.namespace ?? 'gym';
  const programDefinition = await sdk.programDefinitions.createProgramDefinition({
    displayName: 'New gym members',
    namespace,
    externalId: randomUUID(),
  });
  const programDefinitionId = programDefinition._id ?? '';
  const poolDefinition = await sdk.poolDefinitions.createPoolDefinition(
    {
      displayName: 'Gym tokens',
      namespace,
      programDefinitionIds: [programDefinitionId],
      details: {
        benefits: Object.entries(GYM_BENEFITS).map(([benefitKey, price]) => ({
          benefitKey,
          price,
          providerAppId: WIX_STORES_APP_ID,
        })),
        creditConfiguration: {
          amount: options.amount ?? '0',
          rolloverConfiguration: options.rollover ?? { enabled: true, balanceCap: '5' },
          unitDisplayName: 'Tokens',
        },
      },
    },
    { cascade: 'IMMEDIATELY' },
  );
  const benefits = {} as GymSample['benefits'];
  for (const benefit of poolDefinition.details?.benefits ?? []) {
    const key = benefit.benefitKey as GymBenefitKey;
    benefits[key] = { itemSetId: benefit.itemSetId ?? '', productId: randomUUID(), price: GYM_BENEFITS[key] };
  }
  await sdk.items.bulkCreateItems(
    Object.values(benefits).map((b) => ({
      externalId: b.productId,
      itemSetId: b.itemSetId,
      providerAppId: WIX_STORES_APP_ID,
      namespace,
    })),
  );
  return { namespace, programDefinitionId, poolDefinitionId: poolDefinition._id ?? '', benefits };
}

/** Step 4: a program for a new member; returns it with its one pool. */
export async function enrollMember(
  sdk: WixClient,
  sample: GymSample,
  memberId: string,
  options: { externalProgramId?: string; programStatus?: 'ACTIVE' | 'PAUSED' } = {},
): Promise<{ programId: string; poolId: string }> {
  const { program } = await sdk.programs.provisionProgram(
    { programDefinitionId: sample.programDefinitionId },
    {
      beneficiary: { memberId },
      namespace: sample.namespace,
      externalProgramId: options.externalProgramId ?? `${sample.programDefinitionId}_${memberId}`,
      ...(options.programStatus ? { programStatus: options.programStatus } : {}),
    },
  );
  const programId = program?._id ?? '';
  const { items } = await sdk.pools.queryPools().eq('programId', programId).find();
  return { programId, poolId: items[0]?._id ?? '' };
}

/** A fresh local Wix with the gym sample set up and member `m-1` enrolled (optionally given tokens). */
export async function startEnrolledGym(tokens = 0) {
  const wix = startLocalWix();
  const sdk = wix.sdk;
  const gym = await createGymSample(sdk);
  const { programId, poolId } = await enrollMember(sdk, gym, 'm-1');
  if (tokens > 0) {
    await sdk.balances.changeBalance(poolId, 'visits', {
      type: 'ADJUST',
      adjustOptions: { value: String(tokens) },
    });
  }
  return { wix, sdk, gym, programId, poolId };
}
