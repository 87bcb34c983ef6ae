import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jwtVerify, SignJWT } from 'jose';
import type { Caller } from '../../backend/context';

const ISSUER = 'rewards-bridge/local';
const AUDIENCE = 'web-methods';

/** Bearer tokens for the local web-method host: members and admins, minted here, HS256. */
export interface LocalAuth {
  mint(caller: Exclude<Caller, { kind: 'visitor' }>, ttlSeconds?: number): Promise<string>;
  /** The caller a token names, or undefined when it is forged, expired or malformed. */
  verify(token: string): Promise<Caller | undefined>;
}

export function createLocalAuth(secret: string): LocalAuth {
  const key = new TextEncoder().encode(secret);
  return {
    async mint(caller, ttlSeconds = 12 * 3600) {
      const subject = caller.kind === 'member' ? caller.memberId : caller.userId;
      return new SignJWT({ role: caller.kind })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(subject)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
        });
        if (!payload.sub) return undefined;
        if (payload.role === 'member') return { kind: 'member', memberId: payload.sub };
        if (payload.role === 'admin') return { kind: 'admin', userId: payload.sub };
        return undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** The configured secret, or one generated once under the data directory (so CLI and server agree). */
export function localAuthSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = join(dataDir, 'local-auth.secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  try {
    // Created only if absent, so a server and a CLI starting together end up with the same secret.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw err;
  }
  chmodSync(file, 0o600);
  return secret;
}
