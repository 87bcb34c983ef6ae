import { createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { DocumentStore } from '../document-store';
import type { LocalApp } from './local-app';

export type SubjectType = 'APP' | 'USER' | 'MEMBER' | 'VISITOR';

/** Wix's token-info answer (`POST /oauth2/token-info`), as `@wix/essentials` types it. */
export interface TokenInfo {
  active: true;
  subjectType: SubjectType;
  subjectId: string;
  /** Unix seconds. */
  exp: number;
  iat: number;
  clientId: string;
  siteId: string;
  instanceId: string;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

/** Access tokens of one local Wix: issued to its app's identities, verified only by it. */
export interface TokenIssuer {
  issue(
    subject: { type: SubjectType; id: string },
    options?: { ttlSeconds?: number; instanceId?: string },
  ): Promise<IssuedToken>;
  /** What the token says, or undefined when it is forged, expired, revoked or not one of ours. */
  inspect(token: string): Promise<TokenInfo | undefined>;
  /** Revokes a token this local Wix issued; false when it is not a live one of ours. */
  revoke(token: string): Promise<boolean>;
}

/** Wix's access tokens are JWS strings with this prefix; the local Wix's look alike. */
const PREFIX = 'OauthNG.JWS.';
const ISSUER = 'local-wix';
/** Wix app and session tokens live 4 hours. */
export const DEFAULT_TOKEN_TTL_SECONDS = 4 * 3600;
const REVOKED = 'revoked-tokens';

const SUBJECT_TYPES = new Set<string>(['APP', 'USER', 'MEMBER', 'VISITOR']);
const isSubjectType = (value: unknown): value is SubjectType =>
  typeof value === 'string' && SUBJECT_TYPES.has(value);

/**
 * Token lifetimes run on real time, not on the local Wix's (movable) business clock: the SDK caches the
 * app token by real time, and a session does not expire because a test jumped a month ahead.
 */
export function createTokenIssuer(app: LocalApp, store: DocumentStore): TokenIssuer {
  const privateKey = createPrivateKey(app.signingKey.privateKey);
  const publicKey = createPublicKey(app.signingKey.publicKey);

  const verify = async (token: string): Promise<{ info: TokenInfo; jti: string } | undefined> => {
    if (!token.startsWith(PREFIX)) return undefined;
    try {
      const { payload } = await jwtVerify(token.slice(PREFIX.length), publicKey, {
        issuer: ISSUER,
        audience: app.appId,
        algorithms: ['ES256'],
      });
      const { sub, jti, exp, iat, subjectType, instanceId } = payload;
      if (!sub || !jti || !exp || !iat || !isSubjectType(subjectType) || typeof instanceId !== 'string') {
        return undefined;
      }
      if (store.get(REVOKED, jti)) return undefined;
      const info: TokenInfo = {
        active: true,
        subjectType,
        subjectId: sub,
        exp,
        iat,
        clientId: app.appId,
        siteId: app.siteId,
        instanceId,
      };
      return { info, jti };
    } catch {
      return undefined;
    }
  };

  return {
    async issue(subject, options = {}) {
      const expiresIn = options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
      const jwt = await new SignJWT({
        subjectType: subject.type,
        instanceId: options.instanceId ?? app.instanceId,
      })
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(ISSUER)
        .setAudience(app.appId)
        .setSubject(subject.id)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(`${expiresIn}s`)
        .sign(privateKey);
      return { accessToken: `${PREFIX}${jwt}`, expiresIn };
    },
    inspect: async (token) => (await verify(token))?.info,
    async revoke(token) {
      const verified = await verify(token);
      if (!verified) return false;
      store.transact((tx) => tx.put(REVOKED, { id: verified.jti, exp: verified.info.exp }));
      return true;
    },
  };
}
