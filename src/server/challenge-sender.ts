import type { Clock } from '../core/clock';
import type { ChallengeSender } from '../core/ports/challenges';
import type { Logger } from '../core/ports/logger';
import type { Store } from '../core/ports/store';

/**
 * The local stand-in for SMS and email: the code is printed by the server log and kept in the local inbox,
 * where `npm run integration -- challenge-code --name <pos>` reads the latest. A deployment that must reach
 * real customers plugs in its own ChallengeSender here.
 */
export function localChallengeSender(store: Store, log: Logger, clock: Clock): ChallengeSender {
  return {
    async send(message) {
      log.info(
        { integration: message.integration, memberId: message.memberId, code: message.code },
        'customer challenge code (local sender)',
      );
      await store.challenges.keepLocalCode({
        integration: message.integration,
        memberId: message.memberId,
        customer: message.customer,
        code: message.code,
        expiresAt: message.expiresAt,
        createdAt: clock.now().toISOString(),
      });
      return { bySms: false, byEmail: message.email !== null };
    },
  };
}
