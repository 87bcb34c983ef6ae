import type { BenchApp } from './app';
import type { BenchOptions } from './options';
import type { RequestPlan } from './plan';
import type { Target } from './targets';

export interface Scenario {
  /** The row's name in the table. */
  name: string;
  /** Loopback origin the load goes to. */
  url: string;
  /** What every request looks like; the bare-Hono baseline gets the same requests on POST /x. */
  plan: RequestPlan;
  /** A few words for the table. */
  note: string;
  /** Name of an earlier row in the same suite to state this row's ratio against, e.g. a naive flow. */
  versus?: string;
  /**
   * `bare-hono` (the default): bare Hono runs just before and just after the row. `none`: the row's only
   * yardstick is its `versus` row, measured under the same conditions (e.g. the same Wix delay).
   */
  baseline?: 'bare-hono' | 'none';
  /** Unmeasured load before the row's measured run; the bench's `warmupSeconds` when omitted. */
  warmupSeconds?: number;
  /** Connections for this row; the bench's `connections` when omitted. */
  connections?: number;
  /** The server serving `url` runs in this process: its CPU time and RSS are measured over the row. */
  pid?: number;
  /** The speed targets of this row; a missed target is marked, it does not fail the bench. */
  targets?: Target[];
  /** Just before the row's load (after its first baseline): e.g. reads the ledger the row will change. */
  before?(): Promise<void>;
  /**
   * After the run (warm-up included): checks the effects are right for `ok` 2xx responses, `tally` of them
   * matching each string of the plan's `tally`, and returns a few words for the table. Throws when an
   * invariant is broken.
   */
  verify?(ok: number, tally: Record<string, number>): Promise<string>;
}

export interface SuiteRun {
  scenarios: Scenario[];
  /** A line for the report's header: how this suite's rows were measured. */
  header?: string;
  close(): Promise<void>;
}

/** A module of scenarios: `bench/run.ts` lists the suites it runs. */
export interface Suite {
  name: string;
  /** Seeds what the scenarios need (ids prefixed by the suite: all suites share one app). */
  setup(ctx: { app: BenchApp; options: BenchOptions }): Promise<SuiteRun>;
}
