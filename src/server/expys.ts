import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Hono } from 'hono';
import type { CoreDeps } from '../core/deps';
import type { ResolveHost } from '../core/outbound/addresses';
import { expysApi } from '../partners/expys';
import { resolveHost as dnsResolveHost } from '../partners/expys/delivery';
import type { Environment } from '../partners/expys/keys';
import { createMemberTokens } from '../partners/expys/member-tokens';
import { pumpOutbox } from '../partners/expys/outbox';
import { RateLimiter } from '../partners/expys/rate-limit';
import type { Config } from './env';
import { buildSandbox, type Sandbox, sandboxFiles } from './expys-sandbox';
import { localAuthSecret } from './local-secret';
import type { ProgramConfig } from './program-config';

export interface ExpysSurface {
  /** Mounted at /expys. */
  app: Hono;
  /** The core of an environment: live is the app's own; the sandbox is built on first use. */
  environment(name: Environment): Promise<CoreDeps>;
  /** One outbox pass in each environment in use: queue new events, send what is due. */
  deliverDue(): Promise<{ queued: number; delivered: number; failed: number }>;
  /** Runs `deliverDue` every `intervalMs` (never two passes at once); returns the stop. */
  startWorker(intervalMs: number): () => void;
  close(): Promise<void>;
}

/** Member-token key: the configured one, or one derived from the local auth secret (so CLIs agree). */
function tokenSecret(config: Config): string {
  if (config.expys.tokenSecret) return config.expys.tokenSecret;
  const base = localAuthSecret(config.localAuthSecret, config.dataDir);
  return createHmac('sha256', base).update('expys-member-tokens').digest('base64url');
}

/**
 * The Expys-style API (mounted at /expys), its two environments and its outbound webhook worker.
 * `resolveHost` names the addresses of live webhook hosts (DNS by default), at registration and each send.
 */
export function buildExpys(
  config: Config,
  live: CoreDeps,
  program: ProgramConfig,
  resolveHost: ResolveHost = dnsResolveHost,
): ExpysSurface {
  let sandbox: Promise<Sandbox> | undefined;
  const sandboxDeps = async () => {
    sandbox ??= buildSandbox(config, live.log, live.clock, program).catch((err: unknown) => {
      sandbox = undefined;
      throw err;
    });
    return (await sandbox).deps;
  };
  const environment = (name: Environment) => (name === 'live' ? Promise.resolve(live) : sandboxDeps());

  // A sandbox kept on disk may hold undelivered webhooks from before a restart: open it for the outbox.
  const sandboxInUse = () =>
    sandbox !== undefined ||
    (config.expys.sandboxStorage === 'file' && existsSync(sandboxFiles(config.dataDir).store));

  const deliverDue = async () => {
    const passes = [pumpOutbox(live, 'live', { resolveHost })];
    if (sandboxInUse()) passes.push(sandboxDeps().then((deps) => pumpOutbox(deps, 'sandbox')));
    const results = await Promise.all(passes);
    return results.reduce((a, b) => ({
      queued: a.queued + b.queued,
      delivered: a.delivered + b.delivered,
      failed: a.failed + b.failed,
    }));
  };

  const api = expysApi({
    registry: live,
    environment,
    tokens: createMemberTokens(tokenSecret(config)),
    limiter: config.expys.rateLimitPerMinute > 0 ? new RateLimiter(config.expys.rateLimitPerMinute) : null,
    clock: live.clock,
    log: live.log,
    usdPerUnit: config.expys.usdPerUnit,
    terms: program.terms,
    resolveHost,
  });

  return {
    app: new Hono().route('/', api),
    environment,
    deliverDue,
    startWorker(intervalMs) {
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        deliverDue()
          .catch((err: unknown) => live.log.error({ err }, 'webhook delivery pass failed'))
          .finally(() => {
            running = false;
          });
      }, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
    async close() {
      const built = await sandbox?.catch(() => undefined);
      await built?.close();
    },
  };
}
