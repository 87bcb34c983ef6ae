import type { Context, MiddlewareHandler } from 'hono';
import { WixApiError } from '../wire';
import type { TokenInfo, TokenIssuer } from './tokens';

const principals = new WeakMap<Request, TokenInfo>();

/** Who made this local Wix call, as its access token says (set by `requireCredential`). */
export const principalOf = (c: Context): TokenInfo | undefined => principals.get(c.req.raw);

/** The SDK sends `Authorization: <token>`; people and tools send `Bearer <token>`. Both are accepted. */
export function bearerToken(header: string | undefined): string | undefined {
  const token = header
    ?.trim()
    .replace(/^Bearer\s+/i, '')
    .trim();
  return token ? token : undefined;
}

/** The only calls a member's own token may make: the ones about "the current member". */
const MEMBER_PATHS = [
  /\/members\/v1\/members\/my$/,
  /\/loyalty-accounts\/v1\/accounts\/my-account$/,
  /\/loyalty-coupons\/v1\/coupons\/(redeem-my-coupon|my-coupons)$/,
];

/**
 * Like Wix: no valid access token → 401 and nothing done. The app's token and a staff (USER) token may call
 * anything here, `/_emulator/*` included; a member's token only the current-member calls; a visitor's none.
 */
export function requireCredential(issuer: TokenIssuer): MiddlewareHandler {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    const info = token ? await issuer.inspect(token) : undefined;
    if (!info) throw new WixApiError(401, 'UNAUTHENTICATED', 'A valid access token is required', {});
    const allowed =
      info.subjectType === 'APP' ||
      info.subjectType === 'USER' ||
      (info.subjectType === 'MEMBER' && MEMBER_PATHS.some((path) => path.test(c.req.path)));
    if (!allowed) {
      throw new WixApiError(
        403,
        'PERMISSION_DENIED',
        `A ${info.subjectType} token cannot make this call`,
        {},
      );
    }
    principals.set(c.req.raw, info);
    await next();
  };
}
