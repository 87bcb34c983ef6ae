/**
 * Outbound webhooks: the endpoints partners register, and the transactional outbox that delivers to them.
 * Redemption status events are the outbox's source: each is committed with its status change (store), and
 * a dispatcher turns it into deliveries exactly once.
 */

export interface WebhookEndpoint {
  id: string;
  /** The integration that registered it; it receives that integration's events only. */
  integration: string;
  url: string;
  events: string[];
  /** `whsec_…` HMAC key: kept in clear because signing needs the secret itself. */
  secret: string;
  createdAt: string;
  disabledAt: string | null;
}

export interface OutboundEvent {
  /** Stable per event, shared by its deliveries to several endpoints (receivers dedupe on it). */
  eventId: string;
  type: string;
  /** The exact body sent and signed. */
  payload: string;
}

export interface Delivery extends OutboundEvent {
  /** Unique per (event, endpoint). */
  id: string;
  endpoint: WebhookEndpoint;
  /** Failed attempts so far. */
  attempts: number;
  createdAt: string;
}

/** One redemption status event, by its place in the redemption's history (1-based). */
export interface RedemptionEventRef {
  redemptionId: string;
  seq: number;
  /** The redemption's channel: whose endpoints may want it. */
  channel: string;
}

export interface OutboxRepo {
  addEndpoint(endpoint: WebhookEndpoint): Promise<void>;
  /** The integration's endpoints, disabled ones too, newest first. */
  listEndpoints(integration: string): Promise<WebhookEndpoint[]>;
  /** Soft-disables it (no more deliveries); undefined when the integration has no such endpoint. */
  disableEndpoint(integration: string, id: string, at: string): Promise<WebhookEndpoint | undefined>;
  /** Queues one delivery per active endpoint of the integration subscribed to the event; how many. */
  enqueue(integration: string, event: OutboundEvent, now: Date): Promise<number>;
  /** Deliveries due at `now`, leased for `leaseMs` so other workers skip them meanwhile. */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<Delivery[]>;
  markDelivered(id: string, at: Date): Promise<void>;
  /** Records a failed attempt: retried at `nextAttemptAt`, or given up for good when it is null. */
  markFailed(id: string, failure: { error: string; at: Date; nextAttemptAt: Date | null }): Promise<void>;
  /** Redemption status events no dispatcher has handled yet, oldest first. */
  undispatched(limit: number): Promise<RedemptionEventRef[]>;
  /** Marks the event handled; false when another dispatcher got it first. */
  claimDispatch(ref: Omit<RedemptionEventRef, 'channel'>, at: Date): Promise<boolean>;
  /** Marks every pending event of a channel handled at once (a channel nobody listens to); how many. */
  skipChannel(channel: string, at: Date): Promise<number>;
}
