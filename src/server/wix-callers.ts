import { createHash } from 'node:crypto';
import { type Caller, callerOfTokenInfo } from '../../backend/context';
import { AppError } from '../core/errors';

/** Who a Wix access token (sent to the web-method endpoint) belongs to, checked with Wix. */
export interface CallerVerifier {
  /** The token's caller; UNAUTHENTICATED when it is expired, forged or another app instance's. */
  callerOf(token: string): Promise<Caller>;
}

export interface CallerVerifierOptions {
  /** Reaches Wix (real or local) by its www.wixapis.com URLs. */
  fetch: typeof fetch;
  /** This server's app instance: a token of any other instance is refused. */
  instanceId: string;
  /** How long an answer is trusted; never past the token's own expiry. 0: ask every time. */
  cacheTtlMs: number;
  /** Deadline of a token-info call. */
  timeoutMs?: number;
  now?: () => number;
}

const TOKEN_INFO_URL = 'https://www.wixapis.com/oauth2/token-info';
const MAX_ENTRIES = 10_000;

type Verdict = { caller: Caller } | { refused: string };

/**
 * Wix's own pattern for a self-hosted backend: ask token-info who the token is for, refuse another
 * instance's token, map the subject. The same code runs against real Wix and the local Wix. Answers are
 * kept briefly, keyed by the token's SHA-256 — the token itself is never kept.
 */
export function createCallerVerifier(options: CallerVerifierOptions): CallerVerifier {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { verdict: Verdict; until: number }>();

  const remember = (key: string, verdict: Verdict, until: number) => {
    if (options.cacheTtlMs <= 0 || until <= now()) return;
    if (cache.size >= MAX_ENTRIES) {
      for (const [k, entry] of cache) if (entry.until <= now()) cache.delete(k);
      const oldest = cache.keys().next();
      if (cache.size >= MAX_ENTRIES && !oldest.done) cache.delete(oldest.value);
    }
    cache.set(key, { verdict, until });
  };

  const ask = async (token: string): Promise<{ verdict: Verdict; expiresAt: number }> => {
    let res: Response;
    try {
      res = await options.fetch(TOKEN_INFO_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw unavailable(err);
    }
    if (res.status >= 500) throw unavailable(new Error(`token-info answered ${res.status}`));
    const info = (res.status === 200 ? await res.json().catch(() => null) : null) as Record<
      string,
      unknown
    > | null;
    const expiresAt = Number(info?.exp) * 1000;
    if (
      !info ||
      !isActive(info.active) ||
      !Number.isFinite(expiresAt) ||
      typeof info.subjectId !== 'string'
    ) {
      return { verdict: { refused: 'Invalid or expired access token' }, expiresAt: Number.POSITIVE_INFINITY };
    }
    if (info.instanceId !== options.instanceId) {
      return { verdict: { refused: 'The access token is for another app instance' }, expiresAt };
    }
    const caller = callerOfTokenInfo({ subjectType: String(info.subjectType), subjectId: info.subjectId });
    return { verdict: { caller }, expiresAt };
  };

  return {
    async callerOf(token) {
      const key = createHash('sha256').update(token).digest('hex');
      const cached = cache.get(key);
      let verdict = cached && cached.until > now() ? cached.verdict : undefined;
      if (!verdict) {
        cache.delete(key);
        const answer = await ask(token);
        verdict = answer.verdict;
        remember(key, verdict, Math.min(now() + options.cacheTtlMs, answer.expiresAt));
      }
      if ('refused' in verdict) throw new AppError('UNAUTHENTICATED', verdict.refused);
      return verdict.caller;
    },
  };
}

/** Wix documents `active` as a boolean; its examples show the string "true". */
const isActive = (value: unknown): boolean => value === true || value === 'true';

const unavailable = (cause: unknown) =>
  new AppError('UPSTREAM_UNAVAILABLE', 'Wix could not check the access token; retry shortly', {
    retryAfterSeconds: 2,
    cause,
  });
