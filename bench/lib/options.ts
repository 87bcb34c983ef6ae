import { availableParallelism, loadavg } from 'node:os';

export interface BenchOptions {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
}

function positiveInt(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be a whole number 1..${max}`);
  return n;
}

/** BENCH_DURATION (seconds per measured run, default 8) and BENCH_CONNECTIONS (default 10). */
export function benchOptions(env: Record<string, string | undefined>): BenchOptions {
  const durationSeconds = positiveInt('BENCH_DURATION', env.BENCH_DURATION, 8, 60);
  return {
    durationSeconds,
    warmupSeconds: Math.min(2, Math.max(1, Math.round(durationSeconds / 4))),
    connections: positiveInt('BENCH_CONNECTIONS', env.BENCH_CONNECTIONS, 10, 200),
  };
}

export const machine = (): string =>
  `node ${process.version}, ${availableParallelism()} CPU(s), ${process.platform}/${process.arch}, load average ${loadavg()[0]?.toFixed(1)} at start`;
