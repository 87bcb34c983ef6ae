import type { CoreDeps } from '../../core/deps';
import type { ResolveHost } from '../../core/outbound/addresses';
import { type DeliveryPolicy, defaultDeliveryPolicy, deliverDue } from '../../core/outbound/deliver';
import { dispatchRedemptionEvents } from '../../core/outbound/dispatch';
import { expysSender, resolveHost } from './delivery';
import { describeRedemptionEvent } from './events';

/**
 * One pass of the outbox for an environment: new redemption status events become queued deliveries, then
 * what is due is sent. Safe to run from several workers and instances at once (every row is claimed).
 */
export async function pumpOutbox(
  deps: CoreDeps,
  environment: 'live' | 'sandbox',
  options: { resolveHost?: ResolveHost; policy?: DeliveryPolicy } = {},
): Promise<{ queued: number; delivered: number; failed: number }> {
  const queued = await dispatchRedemptionEvents(deps, describeRedemptionEvent(environment));
  const send = expysSender(environment, deps.clock, options.resolveHost ?? resolveHost);
  const sent = await deliverDue(deps, send, options.policy ?? defaultDeliveryPolicy);
  return { queued, ...sent };
}
