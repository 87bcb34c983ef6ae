import { createHash, createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
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
/** Verified tokens kept (by SHA-256) at most; past it, expired ones go first, then the oldest. */
const MAX_VERIFIED = 10_000;

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

  // Like Wix, a token's signature is checked once and the verdict kept until the token expires (keyed by its
  // SHA-256, never the token itself): an ES256 verification per call cost more than the call it guarded.
  // Revocation is still looked up on every call.
  const verified = new Map<string, { info: TokenInfo; jti: string; until: number }>();
  const remember = (key: string, entry: { info: TokenInfo; jti: string }) => {
    const now = Date.now();
    if (verified.size >= MAX_VERIFIED) {
      for (const [k, v] of verified) if (v.until <= now) verified.delete(k);
      const oldest = verified.keys().next();
      if (verified.size >= MAX_VERIFIED && !oldest.done) verified.delete(oldest.value);
    }
    verified.set(key, { ...entry, until: entry.info.exp * 1000 });
  };

  const verify = async (token: string): Promise<{ info: TokenInfo; jti: string } | undefined> => {
    if (!token.startsWith(PREFIX)) return undefined;
    const key = createHash('sha256').update(token).digest('base64url');
    const known = verified.get(key);
    if (known) {
      if (known.until > Date.now()) return store.get(REVOKED, known.jti) ? undefined : known;
      verified.delete(key);
    }
    const checked = await verifySignature(token);
    if (checked) remember(key, checked);
    return checked && !store.get(REVOKED, checked.jti) ? checked : undefined;
  };

  const verifySignature = async (token: string): Promise<{ info: TokenInfo; jti: string } | undefined> => {
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
