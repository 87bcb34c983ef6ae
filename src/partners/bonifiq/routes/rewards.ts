import { randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../../core/errors';
import { findCustomer } from '../../../core/members/customer';
import { cancelRewardCodes, redeemCodes } from '../codes';
import type { BonifiqContext } from '../context';
import {
  availableRequestSchema,
  cancelByKeyBodySchema,
  cancelByKeyQuerySchema,
  type RedeemRequest,
  redeemRequestSchema,
} from '../schemas/requests';
import {
  availableResponseSchema,
  cancelRewardResultSchema,
  envelopeOf,
  redeemResultSchema,
} from '../schemas/responses';
import { type CounterRedemptionRef, cancelCounterReward } from '../use-cases/cancel-counter-reward';
import { counterReward } from '../use-cases/counter-catalog';
import { requireValidatedCustomer } from '../use-cases/customer-challenge';
import { listCounterRewards } from '../use-cases/list-counter-rewards';
import { toCents } from '../use-cases/money';
import { type CashbackChoice, redeemAtCounter } from '../use-cases/redeem-at-counter';
import { availableView, canceledRewardView, envelope, redeemView } from '../wire';
import { type BonifiqApp, body, commonErrors, json, markReplay, security } from './common';

const id = z.coerce.number().int().positive().max(2_147_483_647);
const tags = ['POS'];

const available = createRoute({
  method: 'post',
  path: '/v1/pvt/POS/rewards/available',
  tags,
  summary: 'Rewards the customer can use on this purchase',
  description:
    'A bare object (no envelope) on success. Lists every reward, usable or not (`CanUse`, `CannotUseReason`). The cart is remembered as the customer’s latest quote: cashback redeems are capped by it.',
  security,
  request: { body: body(availableRequestSchema) },
  responses: { 200: json(availableResponseSchema, 'The rewards'), ...commonErrors },
});

const redeem = createRoute({
  method: 'post',
  path: '/v1/pvt/POS/rewards/{id}/redeem',
  tags,
  summary: 'Redeem a reward for the customer',
  description:
    'Debits the points once per `OriginalKey` (same key and body: the original result, `Idempotent-Replayed: true`; same key, other body: 08 OriginalKeyReused). No coupon unless `ForceGenerateCoupon`. Send the `ExternalCode` as the order’s `Coupon`. When the integration requires it (`ShouldValidateCustomer`), the customer must have passed a challenge in the last 30 minutes. Codes: 00 RewardRedeemed, 03 RewardNotFound, 04 NotEnoughPoints, 05 RewardNotAvailable, 06 RewardValueExceedsPurchase, 07 OneRewardPerPurchase, 08 OriginalKeyReused, 09 RewardCanceled, 10 PurchaseNotQuoted, 11 CustomerNotValidated (403).',
  security,
  request: {
    params: z.object({ id: id.openapi({ param: { name: 'id', in: 'path' }, example: 1 }) }),
    body: body(redeemRequestSchema),
  },
  responses: { 200: json(envelopeOf('RedeemEnvelope', redeemResultSchema), 'Redeemed'), ...commonErrors },
});

const productRedeem = createRoute({
  method: 'post',
  path: '/v1/pvt/RewardConfigurations/{id}/product-discount/redeem',
  tags,
  summary: 'Redeem a product-discount reward (RewardType 5) for the customer',
  description:
    'The same as the PoS redeem, for product-discount rewards only: `ExternalProductId` names the product to add as one unit at the discount (the PoS prices the line). No coupon. Other rewards are 05 RewardNotAvailable.',
  security,
  request: {
    params: z.object({ id: id.openapi({ param: { name: 'id', in: 'path' }, example: 4 }) }),
    body: body(redeemRequestSchema),
  },
  responses: { 200: json(envelopeOf('RedeemEnvelope', redeemResultSchema), 'Redeemed'), ...commonErrors },
});

const canceledEnvelope = envelopeOf('CancelRewardEnvelope', cancelRewardResultSchema);
const cancelDescription =
  'The points come back exactly once; the reward stays canceled and its OriginalKey cannot redeem again. Codes: 00 RewardCanceled, 03 RewardNotFound, 04 RewardAlreadyCanceled (warning), 05 RewardCannotBeCanceled (already used by an order, or still in progress).';

const cancelById = createRoute({
  method: 'delete',
  path: '/v1/pvt/POS/rewards/{RewardId}',
  tags,
  summary: 'Cancel a redeemed reward by its RewardId',
  description: cancelDescription,
  security,
  request: {
    params: z.object({ RewardId: id.openapi({ param: { name: 'RewardId', in: 'path' }, example: 1 }) }),
  },
  responses: { 200: json(canceledEnvelope, 'Canceled (or already canceled)'), ...commonErrors },
});

const cancelByKey = createRoute({
  method: 'delete',
  path: '/v1/pvt/POS/rewards',
  tags,
  summary: 'Cancel a redeemed reward by its OriginalKey',
  description: `OriginalKey in the query string or the JSON body. ${cancelDescription}`,
  security,
  request: {
    query: cancelByKeyQuerySchema,
    body: { required: false, content: { 'application/json': { schema: cancelByKeyBodySchema } } },
  },
  responses: { 200: json(canceledEnvelope, 'Canceled (or already canceled)'), ...commonErrors },
});

/** Value or Points (not both) picks a cashback amount; neither is fine for other rewards. */
function cashbackOf(input: RedeemRequest): CashbackChoice | null {
  if (input.Value != null && input.Points != null) {
    throw new AppError('VALIDATION', 'Send Value or Points, not both', { details: { field: 'Value' } });
  }
  if (input.Value != null) return { cents: toCents(input.Value, 'Value') };
  if (input.Points != null) return { points: input.Points };
  return null;
}

/** A `PurchaseId` (or `OrderId`) metadata names the purchase: one reward per purchase. */
function purchaseIdOf(input: RedeemRequest): string | null {
  const entry = input.Metadatas?.find((m) => ['purchaseid', 'orderid'].includes(m.Name.toLowerCase()));
  return entry?.Value ? entry.Value : null;
}

export function rewardRoutes(app: BonifiqApp): void {
  app.openapi(available, async (c) => {
    const deps = c.get('deps');
    const input = c.req.valid('json');
    const integration = c.get('integration').name;
    const offers = await listCounterRewards(deps, {
      integration,
      memberId: await findCustomer(deps, input.CustomerId),
      purchaseCents: toCents(input.PurchaseValue, 'PurchaseValue'),
      discountCents: toCents(input.DiscountValue ?? 0, 'DiscountValue'),
    });
    return c.json(availableView(offers, await deps.store.challenges.shouldValidate(integration)), 200);
  });

  const redeemFor = async (c: BonifiqContext, rewardNumber: number, input: RedeemRequest) => {
    const deps = c.get('deps');
    const memberId = await findCustomer(deps, input.CustomerId);
    await requireValidatedCustomer(deps, { integration: c.get('integration').name, memberId });
    // BonifiQ makes the key optional: without one the call is its own attempt, and a blind retry acts twice.
    const originalKey = input.OriginalKey ?? `auto-${randomUUID()}`;
    const { value, replayed } = await redeemAtCounter(deps, {
      integration: c.get('integration').name,
      memberId,
      rewardNumber,
      cashback: cashbackOf(input),
      originalKey,
      purchaseId: purchaseIdOf(input),
      forceCoupon: input.ForceGenerateCoupon ?? false,
      // Free-form Metadatas (often trace ids) are left out of what the key stands for; these are not.
      context: {
        origin: input.RedeemOrigin ?? null,
        branch: input.Branch?.OriginalId ?? null,
        salesPerson: input.SalesPerson?.OriginalId ?? null,
      },
    });
    markReplay(c, replayed);
    return envelope(redeemCodes.RewardRedeemed, redeemView(value, originalKey));
  };

  app.openapi(redeem, async (c) =>
    c.json(await redeemFor(c, c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(productRedeem, async (c) => {
    const deps = c.get('deps');
    const rewardNumber = c.req.valid('param').id;
    if ((await counterReward(deps, rewardNumber)).kind !== 'productDiscount') {
      throw new AppError('OFFER_UNAVAILABLE', `Reward ${rewardNumber} is not a product-discount reward`);
    }
    return c.json(await redeemFor(c, rewardNumber, c.req.valid('json')), 200);
  });

  const cancel = async (c: BonifiqContext, ref: CounterRedemptionRef) => {
    const canceled = await cancelCounterReward(c.get('deps'), {
      integration: c.get('integration').name,
      ref,
    });
    const outcome = canceled.alreadyCanceled
      ? cancelRewardCodes.RewardAlreadyCanceled
      : cancelRewardCodes.RewardCanceled;
    return envelope(outcome, canceledRewardView(canceled));
  };

  app.openapi(cancelById, async (c) =>
    c.json(await cancel(c, { number: c.req.valid('param').RewardId }), 200),
  );

  app.openapi(cancelByKey, async (c) => {
    const originalKey = c.req.valid('query').OriginalKey ?? c.req.valid('json').OriginalKey;
    if (!originalKey) {
      throw new AppError('VALIDATION', 'OriginalKey: required (query string or body)', {
        details: { field: 'OriginalKey' },
      });
    }
    return c.json(await cancel(c, { originalKey }), 200);
  });
}
