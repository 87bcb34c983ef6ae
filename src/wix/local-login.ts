import { AppError } from '../core/errors';
import type { WixClients } from './clients';

/** Who signs in at the local Wix: a site member, or staff (a Wix user of the site). */
export type LocalLogin = { memberId: string } | { userId: string };

export interface LocalLoginOptions {
  ttlSeconds?: number;
  /** Another installation of the app (another site), to get a token this server must refuse. */
  instanceId?: string;
}

/**
 * A Wix access token issued by the local Wix for a member or staff, as Wix issues one at login — asked
 * for as the app, through the same clients that reach that local Wix. The one way tokens are minted
 * locally (`npm run token`, the start banner, tests).
 */
export async function loginAtLocalWix(
  wix: WixClients,
  who: LocalLogin,
  options: LocalLoginOptions = {},
): Promise<string> {
  const res = await wix.elevated.fetchWithAuth('https://www.wixapis.com/_emulator/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...who, ...options }),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; message?: unknown };
  if (res.status === 200 && typeof body.access_token === 'string') return body.access_token;
  const reason = typeof body.message === 'string' ? body.message : `HTTP ${res.status}`;
  if (res.status === 404 && 'memberId' in who) {
    throw new AppError(
      'NOT_FOUND',
      `No site member ${who.memberId} in the local Wix (npm run member -- add)`,
    );
  }
  throw new AppError('VALIDATION', `The local Wix refused the login: ${reason}`);
}
