import { jwtVerify, SignJWT } from 'jose';
import type { Integration } from '../../core/ports/integrations';

const ISSUER = 'rewards-bridge/expys';
const AUDIENCE = 'expys-member';
/** Short on purpose: a leaked member token exposes one member for minutes (Expys: "a few minutes"). */
export const MEMBER_TOKEN_TTL_SECONDS = 15 * 60;

export interface MemberTokenClaims {
  integrationId: string;
  integration: string;
  environment: Integration['environment'];
  externalUserID: string;
}

export interface MemberTokens {
  mint(claims: MemberTokenClaims, now: Date): Promise<{ accessToken: string; expiresAt: string }>;
  /** The claims of a valid token; undefined when forged, expired or malformed. */
  verify(token: string, now: Date): Promise<MemberTokenClaims | undefined>;
}

/** HS256 JWTs bound to the integration row (a removed and re-added integration's old tokens stop working). */
export function createMemberTokens(secret: string): MemberTokens {
  const key = new TextEncoder().encode(secret);
  return {
    async mint(claims, now) {
      const issuedAt = Math.floor(now.getTime() / 1000);
      const expires = issuedAt + MEMBER_TOKEN_TTL_SECONDS;
      const accessToken = await new SignJWT({
        int: claims.integration,
        iid: claims.integrationId,
        env: claims.environment,
      })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.externalUserID)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expires)
        .sign(key);
      return { accessToken, expiresAt: new Date(expires * 1000).toISOString() };
    },
    async verify(token, now) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
          currentDate: now,
        });
        const { sub, int, iid, env } = payload;
        if (typeof sub !== 'string' || typeof int !== 'string' || typeof iid !== 'string') return undefined;
        if (env !== 'live' && env !== 'sandbox') return undefined;
        return { externalUserID: sub, integration: int, integrationId: iid, environment: env };
      } catch {
        return undefined;
      }
    },
  };
}
