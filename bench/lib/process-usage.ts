import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second (the unit of /proc/<pid>/stat's CPU times); 100 on nearly every Linux. */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU time the process has used so far, ms (Linux /proc). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Resident set size now, MB. */
export function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/**
 * Watches another process from outside it (nothing runs in the measured process): CPU time used between
 * `start` and `stop`, and the highest RSS seen by sampling every `everyMs` meanwhile.
 */
export function watchProcess(pid: number, everyMs = 100) {
  const cpuAtStart = cpuMs(pid);
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, everyMs);
  return {
    stop(): { cpuMs: number; peakRssMb: number } {
      clearInterval(timer);
      peak = Math.max(peak, rssMb(pid));
      return { cpuMs: cpuMs(pid) - cpuAtStart, peakRssMb: peak };
    },
  };
}
