import type { Clock } from '../core/clock';
import type { CatalogEntry, CatalogRepo } from '../core/ports/store';
import type { ProgramSetup } from '../wix/program-setup';
import type { ProgramConfig } from './program-config';

export const benefitEntryId = (externalId: string) => `benefit-${externalId}`;
export const rewardEntryId = (rewardId: string) => `reward-${rewardId}`;

const describe = (reward: ProgramConfig['loyaltyRewards'][number], program: ProgramConfig): string => {
  switch (reward.kind) {
    case 'percentage':
      return `${reward.percentage}% off, as a coupon`;
    case 'fixedAmount':
      return `${reward.amount} off, as a coupon`;
    case 'productDiscount':
      return `${reward.product.name} at a discount, at the point of sale`;
    case 'cashback':
      return `Cashback: ${program.cashback?.pointsPerCurrencyUnit ?? 1} points per currency unit`;
  }
};

/**
 * One catalog entry per thing a member or partner can pick: each benefit item (priced in tokens) and each
 * loyalty reward (priced in points). Re-running updates titles and prices and keeps what staff set on an
 * entry (repeatable, stock).
 */
export async function syncCatalog(
  catalog: CatalogRepo,
  program: ProgramConfig,
  setup: ProgramSetup,
  clock: Clock,
): Promise<CatalogEntry[]> {
  const updatedAt = clock.now().toISOString();
  const prices = new Map(program.poolDefinition.benefits.map((b) => [b.benefitKey, b.price]));
  const wanted: CatalogEntry[] = [
    ...program.items.map(
      (item): CatalogEntry => ({
        id: benefitEntryId(item.externalId),
        title: item.displayName,
        description: null,
        currency: 'tokens',
        price: prices.get(item.benefitKey) ?? 0,
        benefit: {
          externalId: item.externalId,
          providerAppId: program.providerAppId,
          benefitKey: item.benefitKey,
        },
        reward: null,
        repeatable: false,
        stock: null,
        active: true,
        updatedAt,
      }),
    ),
    ...setup.loyaltyRewards.map((reward): CatalogEntry => {
      const config = program.loyaltyRewards.find((r) => r.name === reward.name);
      return {
        id: rewardEntryId(reward.rewardId),
        title: reward.name,
        description: config ? describe(config, program) : null,
        currency: 'points',
        price: reward.costInPoints,
        benefit: null,
        reward: { rewardId: reward.rewardId },
        product: config?.kind === 'productDiscount' ? config.product : null,
        repeatable: false,
        stock: null,
        active: reward.active,
        updatedAt,
      };
    }),
  ];
  for (const entry of wanted) {
    const existing = await catalog.get(entry.id);
    await catalog.upsert(
      existing ? { ...entry, repeatable: existing.repeatable, stock: existing.stock } : entry,
    );
  }
  return wanted;
}
