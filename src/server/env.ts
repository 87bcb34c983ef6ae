import { join, resolve } from 'node:path';
import { z } from 'zod';
import { isTimeZone, type TokenRules } from '../core/tokens/rules';
import type { WixLatency } from '../emulator/latency';
import type { WixTarget } from '../wix/clients';
import { defaultProgramConfigPath } from './program-config';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** An unset or empty variable is undefined; anything else must be a number `schema` accepts. */
const optionalNumber = (schema: z.ZodNumber) =>
  optionalText.pipe(z.string().transform(Number).pipe(schema).optional());

/** Every environment variable the app reads, with its default. Nothing else reads process.env. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PROGRAM_CONFIG: optionalText,
  WIX_EMULATOR_URL: optionalText.pipe(z.url().optional()),
  WIX_API_KEY: optionalText,
  WIX_SITE_ID: optionalText,
  WIX_ACCOUNT_ID: optionalText,
  WIX_APP_ID: optionalText,
  WIX_APP_SECRET: optionalText,
  WIX_APP_INSTANCE_ID: optionalText,
  WIX_APP_PUBLIC_KEY: optionalText,
  /** The local Wix's added delay per REST call, like Wix's own latency; 0 (the default) adds none. */
  LOCAL_WIX_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(0),
  /** Each call's delay is uniform in [delay - jitter, delay + jitter]; at most the delay. */
  LOCAL_WIX_DELAY_JITTER_MS: z.coerce.number().int().min(0).max(10_000).default(0),
  LOCAL_AUTH_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  /** Seals signing secrets at rest; derived from the local auth secret when not set. */
  DATA_ENCRYPTION_KEY: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  /** How long the web-method host trusts a token-info answer (keyed by the token's SHA-256); 0: ask each time. */
  TOKEN_INFO_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /** The per-member debit lock's lease (renewed while its work runs). */
  MEMBER_LOCK_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(30),
  /** Every Wix call's deadline: at most half of each lease (checked below). */
  WIX_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  // Token rules: override the program config's `tokens` section for this deployment.
  TIME_ZONE: optionalText.pipe(
    z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Lisbon').optional(),
  ),
  VISIT_TOKENS_PER_DAY: optionalNumber(z.number().int().min(1).max(100)),
  ORDER_AMOUNT_PER_TOKEN: optionalNumber(z.number().positive()),
  ORDER_POINTS_PER_UNIT: optionalNumber(z.number().positive()),
  /** The in-process renew sweep (`npm run renew` runs it by hand). */
  SCHEDULER: z.enum(['on', 'off']).default('on'),
  RENEW_CRON: z.string().trim().min(1).default('0 * * * *'),
  /** Signs Expys member tokens; derived from LOCAL_AUTH_SECRET (or its generated file) when not set. */
  EXPYS_TOKEN_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  /** Requests per minute per org key (and per member token); 0 turns the limit off. */
  EXPYS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
  /** How often the outbound webhook worker runs; 0 turns it off (`deliverDue` still works). */
  EXPYS_WEBHOOK_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(2000),
  /** The sandbox's local Wix and store: files under DATA_DIR, or memory (gone on restart). */
  EXPYS_SANDBOX_STORAGE: z.enum(['file', 'memory']).default('file'),
  /** What one point and one token are worth in US dollars (Expys shows `*USD` fields and `unitsPerUSD`). */
  EXPYS_USD_PER_POINT: z.coerce.number().positive().max(1_000_000).default(0.01),
  EXPYS_USD_PER_TOKEN: z.coerce.number().positive().max(1_000_000).default(1),
});

export type WixMode = 'emulator' | 'remote-emulator' | 'api-key' | 'app';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'postgres'; url: string } | { kind: 'sqlite'; file: string };
  wix: { mode: 'emulator'; file: string } | { mode: Exclude<WixMode, 'emulator'>; target: WixTarget };
  logLevel: z.output<typeof envSchema>['LOG_LEVEL'];
  programConfigPath: string;
  /** Seeds the Expys member-token key when EXPYS_TOKEN_SECRET is unset; generated under DATA_DIR when not set. */
  localAuthSecret: string | undefined;
  /** Key material for secrets sealed at rest; derived from the local auth secret when not set. */
  dataEncryptionKey: string | undefined;
  /** How long a verified Wix access token's caller is kept (web-method host). */
  tokenInfoCacheMs: number;
  idempotencyLeaseMs: number;
  memberLockLeaseMs: number;
  wixCallTimeoutMs: number;
  /** The local Wix's per-call delay (`npm run emulator`, and the embedded one); null: none. */
  localWixLatency: WixLatency | null;
  /** Token rules set here win over the program config's. */
  tokens: Partial<TokenRules>;
  scheduler: { enabled: boolean; cron: string };
  /** Verifies Wix's own webhooks (RS256 JWTs); null when no public key is configured. */
  wixEvents: { appId: string; publicKey: string } | null;
  /** The Expys-style partner API. */
  expys: {
    tokenSecret: string | undefined;
    rateLimitPerMinute: number;
    webhookIntervalMs: number;
    sandboxStorage: 'file' | 'memory';
    /** US dollars one unit of each currency is worth. */
    usdPerUnit: { points: number; tokens: number };
  };
}

export class ConfigError extends Error {}

/** Parses the environment once; a bad value throws one line naming the variable. */
export function parseEnv(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `Invalid configuration: ${String(issue?.path[0] ?? '?')} ${issue?.message ?? ''}`.trim(),
    );
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'sqlite', file: join(dataDir, 'app.sqlite') },
    wix: wixOf(e, dataDir),
    logLevel: e.LOG_LEVEL,
    programConfigPath: e.PROGRAM_CONFIG ? resolve(e.PROGRAM_CONFIG) : defaultProgramConfigPath,
    localAuthSecret: e.LOCAL_AUTH_SECRET,
    dataEncryptionKey: e.DATA_ENCRYPTION_KEY,
    tokenInfoCacheMs: e.TOKEN_INFO_CACHE_SECONDS * 1000,
    idempotencyLeaseMs: e.IDEMPOTENCY_LEASE_SECONDS * 1000,
    memberLockLeaseMs: e.MEMBER_LOCK_LEASE_SECONDS * 1000,
    wixCallTimeoutMs: wixCallTimeoutOf(e),
    localWixLatency: localWixLatencyOf(e),
    tokens: {
      ...(e.TIME_ZONE ? { timeZone: e.TIME_ZONE } : {}),
      ...(e.VISIT_TOKENS_PER_DAY ? { visitTokensPerDay: e.VISIT_TOKENS_PER_DAY } : {}),
      ...(e.ORDER_AMOUNT_PER_TOKEN ? { orderAmountPerToken: e.ORDER_AMOUNT_PER_TOKEN } : {}),
      ...(e.ORDER_POINTS_PER_UNIT ? { orderPointsPerUnit: e.ORDER_POINTS_PER_UNIT } : {}),
    },
    scheduler: { enabled: e.SCHEDULER === 'on', cron: e.RENEW_CRON },
    wixEvents: e.WIX_APP_PUBLIC_KEY
      ? { appId: e.WIX_APP_ID ?? 'rewards-bridge', publicKey: e.WIX_APP_PUBLIC_KEY }
      : null,
    expys: {
      tokenSecret: e.EXPYS_TOKEN_SECRET,
      rateLimitPerMinute: e.EXPYS_RATE_LIMIT_PER_MINUTE,
      webhookIntervalMs: e.EXPYS_WEBHOOK_INTERVAL_MS,
      sandboxStorage: e.EXPYS_SANDBOX_STORAGE,
      usdPerUnit: { points: e.EXPYS_USD_PER_POINT, tokens: e.EXPYS_USD_PER_TOKEN },
    },
  };
}

/**
 * A Wix call must end well before any lease it runs under could expire, so a live holder always renews in
 * time and a taker never overlaps a call still in flight.
 */
function wixCallTimeoutOf(e: z.output<typeof envSchema>): number {
  const shortest = Math.min(e.IDEMPOTENCY_LEASE_SECONDS, e.MEMBER_LOCK_LEASE_SECONDS) * 1000;
  if (e.WIX_CALL_TIMEOUT_MS * 2 > shortest) {
    throw new ConfigError(
      `Invalid configuration: WIX_CALL_TIMEOUT_MS must be at most half of IDEMPOTENCY_LEASE_SECONDS and MEMBER_LOCK_LEASE_SECONDS (${shortest / 2} ms)`,
    );
  }
  return e.WIX_CALL_TIMEOUT_MS;
}

function localWixLatencyOf(e: z.output<typeof envSchema>): WixLatency | null {
  if (e.LOCAL_WIX_DELAY_JITTER_MS > e.LOCAL_WIX_DELAY_MS) {
    throw new ConfigError(
      'Invalid configuration: LOCAL_WIX_DELAY_JITTER_MS must be at most LOCAL_WIX_DELAY_MS',
    );
  }
  return e.LOCAL_WIX_DELAY_MS > 0
    ? { meanMs: e.LOCAL_WIX_DELAY_MS, jitterMs: e.LOCAL_WIX_DELAY_JITTER_MS }
    : null;
}

function wixOf(e: z.output<typeof envSchema>, dataDir: string): Config['wix'] {
  if (e.WIX_API_KEY) {
    return {
      mode: 'api-key',
      target: { kind: 'api-key', apiKey: e.WIX_API_KEY, siteId: e.WIX_SITE_ID, accountId: e.WIX_ACCOUNT_ID },
    };
  }
  if (e.WIX_APP_ID || e.WIX_APP_SECRET || e.WIX_APP_INSTANCE_ID || e.WIX_EMULATOR_URL) {
    if (!e.WIX_APP_ID || !e.WIX_APP_SECRET || !e.WIX_APP_INSTANCE_ID) {
      throw new ConfigError(
        `Invalid configuration: WIX_APP_ID, WIX_APP_SECRET and WIX_APP_INSTANCE_ID must be set together${
          e.WIX_EMULATOR_URL
            ? ' (a local Wix over HTTP is reached as an app too: npm run emulator prints them)'
            : ''
        }`,
      );
    }
    // A local Wix over HTTP is reached exactly like Wix: as the app, only at another address.
    return {
      mode: e.WIX_EMULATOR_URL ? 'remote-emulator' : 'app',
      target: {
        kind: 'app',
        appId: e.WIX_APP_ID,
        appSecret: e.WIX_APP_SECRET,
        instanceId: e.WIX_APP_INSTANCE_ID,
        publicKey: e.WIX_APP_PUBLIC_KEY,
        baseUrl: e.WIX_EMULATOR_URL,
      },
    };
  }
  return { mode: 'emulator', file: join(dataDir, 'local-wix.sqlite') };
}
