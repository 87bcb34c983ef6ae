import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';

/**
 * Faults the local Wix can inject for reliability tests:
 * - `latency`: wait `ms` before handling (a slow network); a caller that gives up meanwhile never reaches Wix;
 * - `unavailable`: answer 503 without doing anything;
 * - `drop-after-commit`: do the work, then lose the response (the in-process fetch throws like a dropped
 *   connection; over HTTP the caller gets a 504). This is the "crash between the Wix call and our commit".
 */
export const faultRuleSchema = z.object({
  kind: z.enum(['latency', 'unavailable', 'drop-after-commit']),
  method: z.string().toUpperCase().optional(),
  /** Matches when the request path contains this text. */
  path: z.string().min(1),
  /** How many matching requests the fault applies to; 0 means until cleared. */
  times: z.number().int().min(0).default(1),
  ms: z.number().int().min(0).max(60_000).default(0),
});

export type FaultRule = z.input<typeof faultRuleSchema>;
type ActiveRule = z.output<typeof faultRuleSchema> & { used: number };

export const DROPPED_HEADER = 'x-emulator-dropped';

export class FaultInjector {
  #rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    this.#rules.push({ ...faultRuleSchema.parse(rule), used: 0 });
  }

  clear(): void {
    this.#rules = [];
  }

  /** Takes the first live rule matching the request, counting one use of it. */
  take(method: string, path: string): ActiveRule | undefined {
    const rule = this.#rules.find(
      (r) =>
        (!r.method || r.method === method) && path.includes(r.path) && (r.times === 0 || r.used < r.times),
    );
    if (rule) rule.used += 1;
    return rule;
  }

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const rule = this.take(c.req.method, c.req.path);
      if (!rule) return next();
      if (rule.ms > 0) await delay(rule.ms, c.req.raw.signal);
      if (c.req.raw.signal.aborted) return c.json({ message: 'The caller gave up (injected latency)' }, 504);
      if (rule.kind === 'unavailable') {
        return c.json({ message: 'Service unavailable (injected fault)' }, 503);
      }
      await next();
      if (rule.kind === 'drop-after-commit') {
        c.res = new Response('response dropped (injected fault)', {
          status: 504,
          headers: { [DROPPED_HEADER]: '1' },
        });
      }
    };
  }
}

/** Waits `ms`, or less when the caller aborts. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
