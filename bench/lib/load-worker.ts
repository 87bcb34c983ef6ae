import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import { signWebhook } from '../../webhooks/sign';
import { type LoadJob, type LoadResult, type LoadRun, UNIQUE, VARIANT_DAY } from './plan';

// Runs in its own thread so the load generator does not share the server's event loop.

const job = workerData as LoadJob;
const { plan } = job;
const DAY0 = Date.UTC(2000, 0, 1, 12);
const DAY_MS = 24 * 3600 * 1000;
let next = 0;
let tally: Record<string, number> = {};
const needles = Object.entries(plan.tally ?? {});

const request: autocannon.Request = {
  setupRequest: (req) => {
    const n = next++;
    const variant = plan.variants[n % plan.variants.length];
    if (!variant) throw new Error('a request plan needs at least one variant');
    const id = randomUUID();
    const dayNumber = (plan.firstDay ?? 0) + Math.floor(n / plan.variants.length);
    const day = new Date(DAY0 + dayNumber * DAY_MS).toISOString();
    const fill = (text: string) => text.replaceAll(UNIQUE, id).replaceAll(VARIANT_DAY, day);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(variant.headers)) headers[name] = fill(value);
    const body = fill(variant.body);
    if (plan.sign?.scheme === 'standard-webhooks') {
      Object.assign(headers, signWebhook(plan.sign.secret, `msg_${id}`, body).headers);
    }
    return { ...req, method: plan.method, path: plan.path, headers, body };
  },
  ...(needles.length > 0
    ? {
        onResponse: (status: number, body: string) => {
          if (status < 200 || status > 299) return;
          for (const [name, needle] of needles)
            if (body.includes(needle)) tally[name] = (tally[name] ?? 0) + 1;
        },
      }
    : {}),
};

// Off the main thread autocannon hands back raw histograms; its (untyped) aggregateResult decodes them.
const { aggregateResult } = autocannon as unknown as {
  aggregateResult(results: unknown[], options: autocannon.Options): autocannon.Result;
};

async function fire(seconds: number): Promise<LoadResult> {
  tally = Object.fromEntries(needles.map(([name]) => [name, 0]));
  const options: autocannon.Options = {
    url: job.url,
    connections: job.connections,
    duration: seconds,
    timeout: 10,
    requests: [request],
  };
  const r = aggregateResult([await autocannon(options)], options);
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
  return {
    rps: r.requests.total / r.duration,
    p99: r.latency.p99,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    statusCodes,
    tally,
  };
}

const warmup = job.warmupSeconds > 0 ? await fire(job.warmupSeconds) : null;
const measured = await fire(job.durationSeconds);
parentPort?.postMessage({ warmup, measured } satisfies LoadRun);
