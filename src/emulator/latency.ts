import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { delay } from './faults';

/**
 * Wix's REST API answers in tens of milliseconds; the local Wix in microseconds. A flow that makes fewer or
 * parallel calls only shows its worth when each call costs what it costs at Wix: this adds that cost.
 */
export const wixLatencySchema = z
  .object({
    /** Mean added delay per call, ms. */
    meanMs: z.number().int().min(0).max(10_000),
    /** Each call waits a uniformly random time in [mean - jitter, mean + jitter]. */
    jitterMs: z.number().int().min(0).max(10_000),
  })
  .refine((l) => l.jitterMs <= l.meanMs, 'the jitter must not exceed the mean delay');

export type WixLatency = z.output<typeof wixLatencySchema>;

/** What the latency suite of the bench turns on when it does not say otherwise. */
export const TYPICAL_WIX_LATENCY: WixLatency = { meanMs: 80, jitterMs: 20 };

/**
 * The local Wix's per-call delay, changeable while it serves (the bench turns it on for one suite).
 * Every Wix REST call waits, the OAuth ones too (Wix's token and token-info endpoints are network calls
 * like the rest); `/health` and the local-only `/_emulator/*` helpers (login, sign-up, faults) do not, since
 * Wix has no such calls and seeding should not crawl.
 */
export class LatencyDial {
  #latency: WixLatency | null = null;

  constructor(initial: WixLatency | null = null) {
    this.set(initial);
  }

  /** null (or a 0 ms mean) turns the delay off. */
  set(latency: WixLatency | null): void {
    this.#latency = latency && latency.meanMs > 0 ? wixLatencySchema.parse(latency) : null;
  }

  get(): WixLatency | null {
    return this.#latency;
  }

  /** One call's delay: uniform in [mean - jitter, mean + jitter]; 0 when off. */
  sample(random: () => number = Math.random): number {
    const l = this.#latency;
    if (!l) return 0;
    return l.meanMs - l.jitterMs + random() * 2 * l.jitterMs;
  }

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const ms = c.req.path.includes('/_emulator/') ? 0 : this.sample();
      // A caller that gives up meanwhile (its deadline) stops the wait, not the call: as at Wix, a request
      // that was sent may still be carried out.
      if (ms > 0) await delay(ms, c.req.raw.signal);
      await next();
    };
  }
}
