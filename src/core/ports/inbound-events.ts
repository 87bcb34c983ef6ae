/** Every inbound event id, remembered forever per source with what handling it did. */

/** What handling an event did: a stable outcome name plus safe facts (counts, ids). */
export interface EventOutcome {
  outcome: string;
  details?: Record<string, unknown>;
}

export interface InboundClaimRequest {
  /** The integration name (or `wix`). */
  source: string;
  eventId: string;
  /** `gym-visits`, `orders`, `members`, `wix`. */
  kind: string;
  /** sha256 of the raw body: the same id with another payload is refused. */
  payloadHash: string;
  now: Date;
  /** How long the claim is ours before a retry may take the event over. */
  leaseMs: number;
}

export type InboundClaim =
  | { kind: 'acquired'; owner: string; resumed: boolean }
  | { kind: 'done'; outcome: EventOutcome; payloadHash: string }
  | { kind: 'in-flight'; payloadHash: string; retryAfterMs: number };

export interface InboundEventRepo {
  /**
   * Atomically: record the event as ours (acquired), or report it handled (done) or being handled by someone
   * else (in-flight); an expired lease is taken over (acquired, resumed).
   */
  claim(request: InboundClaimRequest): Promise<InboundClaim>;
  /** Stores the outcome if `owner` still holds the claim; false when it was lost. */
  complete(
    source: string,
    eventId: string,
    owner: string,
    outcome: EventOutcome,
    now: Date,
  ): Promise<boolean>;
  /** Forgets an unfinished claim (a retryable failure), so the sender's retry handles the event afresh. */
  release(source: string, eventId: string, owner: string): Promise<void>;
}
