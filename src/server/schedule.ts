import { Cron } from 'croner';
import { renewSweep } from '../core/lifecycle/renew-sweep';
import type { Running } from './container';

export interface Schedule {
  /** Runs the sweep now, as the schedule would. */
  trigger(): Promise<void>;
  nextRun(): Date | null;
  stop(): void;
}

/**
 * The renew sweep on a cron schedule inside the server (SCHEDULER=on; `npm run renew` runs it by hand).
 * The sweep is idempotent and takes a store lock, so several instances may each run it.
 */
export function startRenewSchedule(running: Running, pattern: string): Schedule {
  const { deps, program } = running;
  const job = new Cron(pattern, { protect: true, catch: true, name: 'renew-sweep' }, async () => {
    try {
      await renewSweep(deps, program.lifecycle);
    } catch (err) {
      deps.log.error({ err }, 'renew sweep failed');
    }
  });
  return { trigger: () => job.trigger(), nextRun: () => job.nextRun(), stop: () => job.stop() };
}
