import { createHash } from 'node:crypto';
import type { SpendWay } from '../../../core/loyalty/spend-points';

// The counter spends points one of two ways (loyalty/spend-points.ts makes either exactly once): a bare
// debit (Wix adjust; the PoS gives the discount itself), or a Wix loyalty coupon when the PoS asks for one.

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `BQ-XXXXXXXX`, derived from the claim so every attempt carries the same one; the order sends it back. */
export function counterCodeOf(upstreamKey: string): string {
  const bytes = createHash('sha256').update('counter-code').update(upstreamKey).digest();
  const chars = Array.from(bytes.subarray(0, 8), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]);
  return `BQ-${chars.join('')}`;
}

/** A coupon when the PoS forces one, else a debit under the counter's code. */
export function counterSpendWay(integration: string, forceCoupon: boolean): SpendWay {
  if (forceCoupon) return { kind: 'coupon' };
  return {
    kind: 'debit',
    codeOf: counterCodeOf,
    describe: (rewardName, upstreamKey) => `${rewardName} at ${integration} (ref ${upstreamKey})`,
    note: 'points debited at the counter',
  };
}
