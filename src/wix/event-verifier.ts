import { AppStrategy, createClient } from '@wix/sdk';
import { AppError } from '../core/errors';
import type { WixEventVerifier } from '../core/ports/wix-events';

/**
 * Wix events through the real SDK: `webhooks.process` verifies the RS256 JWT with the app's public key
 * (and `exp` when present) and unwraps its nested envelope.
 */
export function createWixEventVerifier(options: { appId: string; publicKey: string }): WixEventVerifier {
  const client = createClient({ auth: AppStrategy({ appId: options.appId, publicKey: options.publicKey }) });
  return {
    async verify(jwt) {
      try {
        const event = await client.webhooks.process(jwt);
        return { eventType: event.eventType, instanceId: event.instanceId, payload: event.payload };
      } catch (cause) {
        throw new AppError('UNAUTHENTICATED', 'Invalid Wix event: the signature does not verify', { cause });
      }
    },
  };
}
