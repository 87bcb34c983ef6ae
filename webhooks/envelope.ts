import { z } from 'zod';
import { AppError } from '../src/core/errors';
import type { EventWork } from '../src/core/inbound/receive-event';
import type { WixEventVerifier } from '../src/core/ports/wix-events';
import type { TokenDeps } from '../src/core/tokens/rules';

export type WebhookDeps = TokenDeps & { wixEvents: WixEventVerifier | null };

export interface EventContext {
  /** The integration name from the URL. */
  source: string;
  eventId: string;
}

/** A parsed event: its work, to run once its id is claimed (what the work looks up first, looked up). */
export type PreparedEvent = (deps: WebhookDeps, ctx: EventContext) => EventWork | Promise<EventWork>;

/** One `<kind>` of `/webhooks/<source>/<kind>`: parses its payload (VALIDATION when malformed). */
export interface WebhookKind {
  prepare(body: unknown): PreparedEvent;
}

export const memberRef = {
  memberId: z.string().trim().min(1).max(200).optional(),
  externalMemberId: z.string().trim().min(1).max(200).optional(),
};

export const isoInstant = z.iso.datetime({ offset: true });

/** The Standard Webhooks payload: `{"type", "timestamp", "data"}`. */
export const envelope = <T extends z.ZodType, D extends z.ZodType>(type: T, data: D) =>
  z.object({ type, timestamp: isoInstant, data });

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION', 'body: not JSON', { details: { field: 'body' } });
  }
}
