import { timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { AppError } from '../src/core/errors';

/** Standard Webhooks tolerance, both ways: older is a replay, newer a clock problem. */
const TOLERANCE_SECONDS = 5 * 60;
export const EVENT_ID = /^[\w:-]{1,200}$/;

const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message);

/**
 * Verifies a Standard Webhooks request on its raw body, before anything parses or writes it: the
 * `webhook-id`, `webhook-timestamp` (±5 min) and any `v1,` HMAC-SHA256 signature matching in constant time
 * (several are accepted, for secret rotation). The package's own `verify` reads the system clock; the
 * timestamp is checked here against the app's injected clock instead, and the package computes the HMAC.
 */
export function verifyStandardWebhook(input: {
  secret: string;
  body: string;
  header: (name: string) => string | undefined;
  now: Date;
}): { eventId: string; timestamp: Date } {
  const eventId = input.header('webhook-id');
  const timestampText = input.header('webhook-timestamp');
  const signatures = input.header('webhook-signature');
  if (!eventId || !timestampText || !signatures) {
    throw unauthenticated('Missing webhook-id, webhook-timestamp or webhook-signature');
  }
  if (!EVENT_ID.test(eventId)) throw unauthenticated('Invalid webhook-id');
  if (!/^\d{1,12}$/.test(timestampText)) throw unauthenticated('Invalid webhook-timestamp');
  const seconds = Number(timestampText);
  if (Math.abs(input.now.getTime() / 1000 - seconds) > TOLERANCE_SECONDS) {
    throw unauthenticated('webhook-timestamp is outside the 5-minute tolerance');
  }
  const timestamp = new Date(seconds * 1000);
  const expected = Buffer.from(new Webhook(input.secret).sign(eventId, timestamp, input.body).slice(3));
  const matches = signatures.split(' ').some((versioned) => {
    const [version, signature] = versioned.split(',');
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw unauthenticated('No webhook-signature matches');
  return { eventId, timestamp };
}
