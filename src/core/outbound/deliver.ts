import type { Clock } from '../clock';
import type { Logger } from '../ports/logger';
import type { Delivery } from '../ports/outbox';
import type { Store } from '../ports/store';

/** Sends one delivery; never throws for the receiver's failures (they are outcomes). */
export type WebhookSender = (delivery: Delivery) => Promise<SendOutcome>;

export type SendOutcome =
  | { ok: true }
  | {
      ok: false;
      error: string;
      /** The receiver asked for a pause (429/503 Retry-After). */
      retryAfterSeconds?: number;
      /** Never worth retrying (410 Gone, an address that is not allowed). */
      final?: boolean;
    };

export interface DeliverDeps {
  store: Store;
  clock: Clock;
  log: Logger;
}

export interface DeliveryPolicy {
  /** Attempts before a delivery is given up (about three days with the defaults). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a worker holds a claimed delivery before another may try it. */
  leaseMs: number;
  /** Deliveries sent at once per pass. */
  batch: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  maxAttempts: 20,
  baseDelayMs: 5_000,
  maxDelayMs: 6 * 3600_000,
  leaseMs: 60_000,
  batch: 20,
};

/** Exponential backoff with "equal jitter": half the step fixed, half random, so retries spread out. */
export function retryDelayMs(failedAttempts: number, policy: DeliveryPolicy, random = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * Sends what is due: delivered rows are done; failures are retried later with backoff (at least what the
 * receiver asked for) until `maxAttempts`; deliveries to disabled endpoints are dropped.
 */
export async function deliverDue(
  deps: DeliverDeps,
  send: WebhookSender,
  policy: DeliveryPolicy = defaultDeliveryPolicy,
): Promise<{ delivered: number; failed: number }> {
  const due = await deps.store.outbox.claimDue(deps.clock.now(), policy.batch, policy.leaseMs);
  const outcomes = await Promise.all(
    due.map(async (delivery) => {
      const outcome: SendOutcome = delivery.endpoint.disabledAt
        ? { ok: false, error: 'endpoint disabled', final: true }
        : await send(delivery).catch((err: unknown) => ({ ok: false as const, error: String(err) }));
      const at = deps.clock.now();
      if (outcome.ok) {
        await deps.store.outbox.markDelivered(delivery.id, at);
        return true;
      }
      const attempts = delivery.attempts + 1;
      const giveUp = outcome.final === true || attempts >= policy.maxAttempts;
      const delay = Math.max(retryDelayMs(attempts, policy), (outcome.retryAfterSeconds ?? 0) * 1000);
      await deps.store.outbox.markFailed(delivery.id, {
        error: outcome.error,
        at,
        nextAttemptAt: giveUp ? null : new Date(at.getTime() + delay),
      });
      deps.log[giveUp ? 'warn' : 'info'](
        { deliveryId: delivery.id, endpointId: delivery.endpoint.id, type: delivery.type, attempts },
        giveUp ? 'webhook delivery given up' : 'webhook delivery failed; will retry',
      );
      return false;
    }),
  );
  const delivered = outcomes.filter(Boolean).length;
  return { delivered, failed: outcomes.length - delivered };
}
