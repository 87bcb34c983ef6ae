import { derivedId } from '../../core/ids';
import type { DescribeRedemptionEvent } from '../../core/outbound/dispatch';
import type { OutboundEvent } from '../../core/ports/outbox';
import type { Redemption, RedemptionEvent } from '../../core/redemption';
import type { WalletCredit } from './use-cases/credit-wallet';
import { toRedemption } from './wire';

/** The events Expys sends (the ones this surface emits), one per status transition and wallet change. */
export const EXPYS_EVENTS = [
  'redemption.created',
  'redemption.open',
  'redemption.awaiting_vendor',
  'redemption.awaiting_customer',
  'redemption.purchased',
  'redemption.completed',
  'redemption.canceled',
  'wallet.credited',
  'wallet.debited',
] as const;

type Environment = 'live' | 'sandbox';

const eventId = (...parts: string[]) => derivedId('evt', 'expys-event', ...parts);

/** The body every Expys webhook carries; its bytes are what the signature covers. */
function envelope(
  id: string,
  type: string,
  at: string,
  environment: Environment,
  data: object,
): OutboundEvent {
  const payload = JSON.stringify({
    id,
    type,
    createdAt: at,
    environment: environment === 'live' ? 'LIVE' : 'SANDBOX',
    data,
  });
  return { eventId: id, type, payload };
}

/**
 * Where the member's points were taken: a benefit is paid before its redemption is recorded (event 1); a
 * coupon intent (event 1) is paid when its coupon is linked (event 2), unless Wix refused it (CANCELED).
 */
function paidAt(redemption: Redemption, history: RedemptionEvent[]): number | null {
  if (redemption.offer.kind === 'benefit') return 1;
  const second = history[1];
  return second && second.status !== 'CANCELED' ? 2 : null;
}

/**
 * One status event → the Expys events it means: `redemption.created` + `wallet.debited` once paid; then
 * `redemption.<status>` per change, and `wallet.credited` for the refund of a cancel. Events of an intent
 * Wix refused announce nothing (nothing was spent).
 */
export const describeRedemptionEvent =
  (environment: Environment): DescribeRedemptionEvent =>
  ({ redemption, history, seq, externalUserId }) => {
    const paid = paidAt(redemption, history);
    const event = history[seq - 1];
    if (paid === null || !event || seq < paid) return [];
    const at = event.at;
    const wire = (status = event.status) => ({
      redemption: toRedemption(redemption, status),
      externalUserID: externalUserId,
    });
    const wallet = (type: 'wallet.debited' | 'wallet.credited') =>
      envelope(eventId(redemption.id, String(seq), type), type, at, environment, {
        externalUserID: externalUserId,
        amount: redemption.price,
        currency: redemption.currency,
        redemptionID: redemption.id,
        reason: type === 'wallet.debited' ? 'redemption' : 'refund',
      });
    if (seq === paid) {
      const created = envelope(
        eventId(redemption.id, 'created'),
        'redemption.created',
        at,
        environment,
        wire(),
      );
      return [created, wallet('wallet.debited')];
    }
    const previous = history[seq - 2];
    if (previous?.status === event.status) return [];
    const type = `redemption.${event.status.toLowerCase()}`;
    const moved = envelope(eventId(redemption.id, String(seq), type), type, at, environment, {
      ...wire(),
      previousStatus: previous?.status ?? null,
    });
    return event.status === 'CANCELED' ? [moved, wallet('wallet.credited')] : [moved];
  };

/** `wallet.credited` for a credit made through the API (queued with the credit's idempotency key). */
export function walletCreditedEvent(
  credit: WalletCredit,
  externalUserID: string,
  environment: Environment,
  at: string,
): OutboundEvent {
  return envelope(eventId('credit', credit.transactionId), 'wallet.credited', at, environment, {
    externalUserID,
    amount: credit.amount,
    currency: credit.currency,
    balance: credit.balance,
    redemptionID: null,
    reason: credit.reason,
  });
}
