/** Every inbound event id, remembered forever per source with what handling it did. */

/** What handling an event did: a stable outcome name plus safe facts (counts, ids). */
export interface EventOutcome {
  outcome: string;
  details?: Record<string, unknown>;
}

export interface InboundEventRequest {
  /** The integration name (or `wix`). */
  source: string;
  eventId: string;
  /** `gym-visits`, `orders`, `members`, `wix`. */
  kind: string;
  /** sha256 of the raw body: the same id with another payload is refused. */
  payloadHash: string;
  now: Date;
}

export type InboundEventState =
  | { kind: 'processing'; payloadHash: string }
  | { kind: 'done'; outcome: EventOutcome; payloadHash: string };

/** Who handles an event is a lease (lease.ts); this repo remembers the event and its outcome. */
export interface InboundEventRepo {
  /** Records the event as being processed if it is new, and says what it is. */
  open(request: InboundEventRequest): Promise<InboundEventState>;
  /** What the event is now, recording nothing (an event that is not there reads as processing). */
  read(request: InboundEventRequest): Promise<InboundEventState>;
  /** Stores the outcome of an event being processed; false when it was already done. */
  complete(source: string, eventId: string, outcome: EventOutcome, now: Date): Promise<boolean>;
}
