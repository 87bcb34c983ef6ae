import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import { type LoadJob, type LoadResult, type LoadRun, UNIQUE } from './plan';

// Runs in its own thread so the load generator does not share the server's event loop.

const job = workerData as LoadJob;
let next = 0;

const request: autocannon.Request = {
  setupRequest: (req) => {
    const variant = job.plan.variants[next++ % job.plan.variants.length];
    if (!variant) throw new Error('a request plan needs at least one variant');
    const id = randomUUID();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(variant.headers)) headers[name] = value.replaceAll(UNIQUE, id);
    return {
      ...req,
      method: job.plan.method,
      path: job.plan.path,
      headers,
      body: variant.body.replaceAll(UNIQUE, id),
    };
  },
};

// Off the main thread autocannon hands back raw histograms; its (untyped) aggregateResult decodes them.
const { aggregateResult } = autocannon as unknown as {
  aggregateResult(results: unknown[], options: autocannon.Options): autocannon.Result;
};

async function fire(seconds: number): Promise<LoadResult> {
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
  };
}

const warmup = job.warmupSeconds > 0 ? await fire(job.warmupSeconds) : null;
const measured = await fire(job.durationSeconds);
parentPort?.postMessage({ warmup, measured } satisfies LoadRun);
