import { type Actor, actorName, type CoreDeps } from '../deps';
import type { Redemption } from '../redemption';
import { CANCELABLE } from './cancel-redemption';

/**
 * An order used a redemption's external code (a point-of-sale code, or the loyalty coupon code): the
 * redemption is COMPLETED. Unknown codes are ordinary discount codes: nothing to do. A redemption already
 * completed or canceled, or being canceled, stays as it is (compare-and-set).
 */
export async function completeRedemptionByCode(
  deps: CoreDeps,
  code: string,
  actor: Actor,
): Promise<Redemption | undefined> {
  const redemption = await deps.store.redemptions.findByExternalCode(code);
  if (!redemption || !CANCELABLE.includes(redemption.status)) return undefined;
  return deps.store.redemptions.transition(
    redemption.id,
    CANCELABLE,
    {},
    {
      redemptionId: redemption.id,
      status: 'COMPLETED',
      at: deps.clock.now().toISOString(),
      actor: actorName(actor),
      note: 'used on an order',
    },
  );
}
