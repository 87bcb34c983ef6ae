import { items, poolDefinitions, programDefinitions } from '@wix/benefit-programs';
import type { ProgramConfig } from '../server/program-config';
import type { Elevate } from './clients';
import { wixCall } from './errors';
import { type LoyaltyRewardSetup, setUpLoyaltyRewards } from './loyalty-setup';

export interface ProgramSetup {
  programDefinitionId: string;
  poolDefinitionId: string;
  /** benefitKey → itemSetId, as Wix assigned them. */
  itemSets: Record<string, string>;
  /** The configured Wix Loyalty rewards, as found or created. */
  loyaltyRewards: LoyaltyRewardSetup[];
  /** What this run created (empty on a re-run) and what it found. */
  created: string[];
  existing: string[];
}

/**
 * Seed steps 1–3 against whichever Wix the clients point at: program definition, pool definition with the
 * benefits and credit configuration, benefit items; then the loyalty rewards (seed 001). Re-running finds
 * everything and creates nothing.
 */
export async function setUpProgram(elevate: Elevate, config: ProgramConfig): Promise<ProgramSetup> {
  const created: string[] = [];
  const existing: string[] = [];
  const note = (list: string[], what: string) => list.push(what);
  const { namespace } = config;

  const foundDefinitions = await wixCall('queryProgramDefinitions', () =>
    elevate(programDefinitions.queryProgramDefinitions)({
      filter: { namespace, externalId: config.programDefinition.externalId },
      cursorPaging: { limit: 1 },
    }),
  );
  let programDefinition = foundDefinitions.programDefinitions?.[0];
  if (programDefinition) note(existing, `program definition ${programDefinition._id}`);
  else {
    programDefinition = await wixCall('createProgramDefinition', () =>
      elevate(programDefinitions.createProgramDefinition)({
        namespace,
        externalId: config.programDefinition.externalId,
        displayName: config.programDefinition.displayName,
      }),
    );
    note(created, `program definition ${programDefinition._id}`);
  }
  const programDefinitionId = programDefinition._id ?? '';

  const foundPools = await wixCall('queryPoolDefinitions', () =>
    elevate(poolDefinitions.queryPoolDefinitions)({
      filter: { namespace, programDefinitionIds: { $hasSome: [programDefinitionId] } },
      cursorPaging: { limit: 50 },
    }),
  );
  let poolDefinition = foundPools.poolDefinitions?.find(
    (p) => p.displayName === config.poolDefinition.displayName,
  );
  if (poolDefinition) note(existing, `pool definition ${poolDefinition._id}`);
  else {
    const credit = config.poolDefinition.creditConfiguration;
    poolDefinition = await wixCall('createPoolDefinition', () =>
      elevate(poolDefinitions.createPoolDefinition)(
        {
          namespace,
          displayName: config.poolDefinition.displayName,
          programDefinitionIds: [programDefinitionId],
          details: {
            benefits: config.poolDefinition.benefits.map((b) => ({
              benefitKey: b.benefitKey,
              price: String(b.price),
              displayName: b.displayName,
              providerAppId: config.providerAppId,
            })),
            creditConfiguration: {
              amount: String(credit.amount),
              rolloverConfiguration: {
                enabled: credit.rollover.enabled,
                balanceCap: String(credit.rollover.balanceCap),
              },
              unitDisplayName: credit.unitDisplayName,
            },
          },
        },
        { cascade: 'FUTURE_PROVISIONS' },
      ),
    );
    note(created, `pool definition ${poolDefinition._id}`);
  }
  const itemSets = Object.fromEntries(
    (poolDefinition.details?.benefits ?? []).map((b) => [b.benefitKey ?? '', b.itemSetId ?? '']),
  );

  const foundItems = await wixCall('queryItems', () =>
    elevate(items.queryItems)({
      filter: {
        namespace,
        providerAppId: config.providerAppId,
        externalId: { $in: config.items.map((i) => i.externalId) },
      },
      cursorPaging: { limit: 100 },
    }),
  );
  const known = new Set((foundItems.items ?? []).map((i) => i.externalId));
  const missing = config.items.filter((i) => !known.has(i.externalId));
  for (const item of config.items) if (known.has(item.externalId)) note(existing, `item ${item.displayName}`);
  if (missing.length > 0) {
    await wixCall('bulkCreateItems', () =>
      elevate(items.bulkCreateItems)(
        missing.map((i) => ({
          namespace,
          externalId: i.externalId,
          providerAppId: config.providerAppId,
          itemSetId: itemSets[i.benefitKey],
          displayName: i.displayName,
          ...(i.category ? { category: i.category } : {}),
        })),
        { returnEntity: false },
      ),
    );
    for (const item of missing) note(created, `item ${item.displayName}`);
  }

  const loyalty = await setUpLoyaltyRewards(elevate, config);
  created.push(...loyalty.created);
  existing.push(...loyalty.existing);

  return {
    programDefinitionId,
    poolDefinitionId: poolDefinition._id ?? '',
    itemSets,
    loyaltyRewards: loyalty.rewards,
    created,
    existing,
  };
}
