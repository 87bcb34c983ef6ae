import { performance } from 'node:perf_hooks';

/** How long one reading of the event loop's utilization covers. */
const WINDOW_MS = 100;
/** Busy from this utilization up; calm again only below `CALM`, so one reading near the line does not flip it. */
const BUSY = 0.97;
const CALM = 0.93;

/**
 * Whether this thread's event loop has lately been busy all the time: CPU, not waiting, is then what limits
 * how much it serves. Read from Node's event-loop utilization (the share of time not idle in the poll), at
 * most once per window, only when asked.
 */
export class LoopLoad {
  #since = performance.eventLoopUtilization();
  #readAt = performance.now();
  #busy = false;

  busy(): boolean {
    const now = performance.now();
    if (now - this.#readAt >= WINDOW_MS) {
      const reading = performance.eventLoopUtilization();
      const { utilization } = performance.eventLoopUtilization(reading, this.#since);
      this.#since = reading;
      this.#readAt = now;
      this.#busy = utilization >= (this.#busy ? CALM : BUSY);
    }
    return this.#busy;
  }
}

/** One per thread: the loop is the thread's. */
export const loopLoad = new LoopLoad();
