import { errorParts } from './web-method-error';

/** What each stable code means to a person; the server's own sentence is added where it names the thing. */
const SOMETHING_WRONG =
  'Something went wrong on our side. Try again; if it keeps happening, tell the site’s developer.';

const PLAIN: Record<string, string> = {
  VALIDATION: 'Please check what you entered',
  UNAUTHENTICATED:
    'Your session has ended. Open the dashboard again (locally: the link the server printed at start).',
  FORBIDDEN: 'Only site admins can do this.',
  NOT_FOUND: 'Not found',
  INSUFFICIENT_BALANCE: 'The member’s balance does not cover this.',
  OFFER_UNAVAILABLE: 'This is not available for the member right now (their program may be paused or ended).',
  ALREADY_REDEEMED: 'The member has already redeemed this.',
  IDEMPOTENCY_KEY_REUSED: 'This request was already made with other details. Start it again.',
  IDEMPOTENCY_KEY_IN_USE: 'This is still being processed. Wait a moment, then look again before retrying.',
  ILLEGAL_TRANSITION: 'That step is not possible',
  RATE_LIMITED: 'Too many requests at once. Wait a moment and try again.',
  UPSTREAM_UNAVAILABLE: 'Wix did not answer in time. Nothing is charged twice: try again.',
  NETWORK: 'The server could not be reached. Check the connection and try again.',
  INTERNAL: SOMETHING_WRONG,
};

/** Codes whose server message says what exactly was wrong (a field, a name, a status). */
const WITH_DETAIL = new Set(['VALIDATION', 'NOT_FOUND', 'ILLEGAL_TRANSITION']);

const words = (status: unknown) => String(status).toLowerCase().replace(/_/g, ' ');

/** One sentence a person can act on, for whatever a web-method call threw. */
export function plainError(error: unknown): string {
  const { code, message, details } = errorParts(error);
  const plain = PLAIN[code] ?? SOMETHING_WRONG;
  if (code === 'ILLEGAL_TRANSITION' && typeof details.status === 'string' && Array.isArray(details.allowed)) {
    const allowed = details.allowed.map(words);
    return allowed.length === 0
      ? `That step is not possible: a ${words(details.status)} redemption is final.`
      : `That step is not possible: a ${words(details.status)} redemption can only move to ${allowed.join(', ')}.`;
  }
  return WITH_DETAIL.has(code) ? `${plain}: ${message}` : plain;
}
