import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from '../core/errors';
import { isTimeZone } from '../core/tokens/rules';

const benefitSchema = z.object({
  benefitKey: z.string().min(1),
  price: z.number().int().positive(),
  displayName: z.string().min(1),
});

const rewardName = z.string().trim().min(1).max(50);
const costInPoints = z.number().int().positive();

/**
 * A Wix Loyalty reward setup creates (found again by name). `percentage` and `fixedAmount` are coupon
 * rewards a member buys with points; `cashback` turns points into money at `cashback.pointsPerCurrencyUnit`
 * (a DISCOUNT_AMOUNT reward: Wix cannot turn it into a coupon; the point of sale spends it).
 */
const loyaltyRewardSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('percentage'),
    name: rewardName,
    costInPoints,
    percentage: z.number().gt(0).max(100),
  }),
  z.object({ kind: z.literal('fixedAmount'), name: rewardName, costInPoints, amount: z.number().positive() }),
  z.object({ kind: z.literal('cashback'), name: rewardName }),
  /**
   * A product at a discount, spent at the point of sale (BonifiQ RewardType 5): one unit of
   * `product.externalId` at `value` percent off, for `value` as its final price, free, or `value` off.
   * In Wix it is a DISCOUNT_AMOUNT reward (its points price and on/off switch); the PoS prices the line.
   */
  z.object({
    kind: z.literal('productDiscount'),
    name: rewardName,
    costInPoints,
    product: z.object({
      externalId: z.string().trim().min(1).max(200),
      name: z.string().trim().min(1).max(200),
      mode: z.enum(['percent', 'finalPrice', 'freeGift', 'amountOff']),
      value: z.number().min(0),
    }),
  }),
]);

/** The rewards program the app runs: what setup creates in Wix and what the use cases refer to. */
export const programConfigSchema = z
  .object({
    namespace: z.string().min(1),
    providerAppId: z.string().min(1),
    programDefinition: z.object({ externalId: z.string().min(1), displayName: z.string().min(1) }),
    poolDefinition: z.object({
      displayName: z.string().min(1),
      creditConfiguration: z.object({
        amount: z.number().int().min(0),
        rollover: z.object({ enabled: z.boolean(), balanceCap: z.number().int().min(0) }),
        unitDisplayName: z.string().min(1),
      }),
      benefits: z.array(benefitSchema).min(1),
    }),
    items: z.array(
      z.object({
        externalId: z.string().min(1),
        benefitKey: z.string().min(1),
        displayName: z.string().min(1),
        category: z.string().optional(),
      }),
    ),
    lifecycle: z.object({
      renewEveryMonths: z.number().int().positive(),
      endAfterMonths: z.number().int().positive(),
    }),
    /** How visits and orders earn tokens (env TIME_ZONE, VISIT_TOKENS_PER_DAY, … override). */
    tokens: z
      .object({
        timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone').default('UTC'),
        visitTokensPerDay: z.number().int().min(1).max(100).default(1),
        orderAmountPerToken: z.number().positive().default(10),
        orderPointsPerUnit: z.number().positive().nullable().default(null),
      })
      .prefault({}),
    loyaltyRewards: z.array(loyaltyRewardSchema).default([]),
    /** Points ↔ money for cashback (BonifiQ-style point of sale): this many points are worth 1 unit. */
    cashback: z.object({ pointsPerCurrencyUnit: z.number().int().positive() }).optional(),
    /** The point of sale (BonifiQ-style): points a completed order earns per currency unit of its net total. */
    pointOfSale: z.object({ orderPointsPerUnit: z.number().positive().default(1) }).prefault({}),
    /** Legal documents partner members accept (Expys-style terms); a published version never changes. */
    terms: z
      .array(
        z.object({
          type: z.enum(['TERMS_OF_SERVICE', 'PRIVACY_POLICY']),
          version: z.string().trim().min(1).max(100),
          publishedAt: z.iso.datetime(),
          contentHTML: z.string().min(1),
        }),
      )
      .default([]),
  })
  .superRefine((config, ctx) => {
    const keys = new Set(config.poolDefinition.benefits.map((b) => b.benefitKey));
    config.items.forEach((item, i) => {
      if (!keys.has(item.benefitKey)) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'benefitKey'],
          message: `unknown benefit ${item.benefitKey}`,
        });
      }
    });
    const names = new Set<string>();
    config.loyaltyRewards.forEach((reward, i) => {
      if (names.has(reward.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['loyaltyRewards', i, 'name'],
          message: 'names must be unique',
        });
      }
      names.add(reward.name);
      if (reward.kind === 'cashback' && !config.cashback) {
        ctx.addIssue({ code: 'custom', path: ['cashback'], message: 'required by a cashback reward' });
      }
    });
  });

export type ProgramConfig = z.output<typeof programConfigSchema>;
export type LoyaltyRewardConfig = ProgramConfig['loyaltyRewards'][number];

export const defaultProgramConfigPath = fileURLToPath(
  new URL('../../config/gym-program.json', import.meta.url),
);

export function loadProgramConfig(path = defaultProgramConfigPath): ProgramConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new AppError('VALIDATION', `Cannot read program config ${path}`, { cause });
  }
  const parsed = programConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('VALIDATION', `Program config ${path}: ${issue?.path.join('.')} ${issue?.message}`);
  }
  return parsed.data;
}
