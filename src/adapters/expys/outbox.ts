import type { CoreDeps } from '../../core/deps';
import { type DeliveryPolicy, defaultDeliveryPolicy, deliverDue } from '../../core/outbound/deliver';
import { dispatchRedemptionEvents } from '../../core/outbound/dispatch';
import { expysSender } from './delivery';
import { describeRedemptionEvent } from './events';

/**
 * One pass of the outbox for an environment: new redemption status events become queued deliveries, then
 * what is due is sent. Safe to run from several workers and instances at once (every row is claimed).
 */
export async function pumpOutbox(
  deps: CoreDeps,
  environment: 'live' | 'sandbox',
  policy: DeliveryPolicy = defaultDeliveryPolicy,
): Promise<{ queued: number; delivered: number; failed: number }> {
  const queued = await dispatchRedemptionEvents(deps, describeRedemptionEvent(environment));
  const sent = await deliverDue(deps, expysSender(environment, deps.clock), policy);
  return { queued, ...sent };
}
