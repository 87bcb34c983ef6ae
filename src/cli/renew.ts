import { type Clock, systemClock } from '../core/clock';
import { renewSweep, type SweepReport } from '../core/lifecycle/renew-sweep';
import type { Config } from '../server/env';
import { parseEnv } from '../server/env';
import { createLogger } from '../server/logger';
import { loadProgramConfig } from '../server/program-config';
import { createBenefitProgramsGateway } from '../wix/benefit-programs-gateway';
import { reachDataFolder } from './data-folder';
import { wixForCli } from './local-wix';
import { cliArgs, fail, runCli } from './run';
import { storeForCli } from './store';

const USAGE = 'npm run renew [-- --at <date>]  (--at: as of that date, e.g. 2027-02-01; local Wix only)';

// `npm run renew`: the renew sweep once, now or `--at` a date (the server also runs it on its schedule). Idempotent.
runCli(async () => {
  const { values } = cliArgs({ at: { type: 'string' } }, USAGE);
  const at = values.at === undefined ? undefined : new Date(values.at);
  if (at && Number.isNaN(at.getTime())) fail(`--at must be a date like 2027-02-01\nusage: ${USAGE}`);
  const config = parseEnv();
  if (at && config.wix.mode !== 'emulator' && config.wix.mode !== 'remote-emulator')
    fail('--at runs the sweep as of another date and works only against the local Wix, not a real one');
  const folder = await reachDataFolder(config, 'npm run renew');
  let report: SweepReport;
  try {
    report =
      folder.kind === 'server'
        ? await folder.call<SweepReport>('/_local/renew', at ? { at: at.toISOString() } : {})
        : await sweepHere(config, at ? { now: () => at } : systemClock);
  } finally {
    folder.release();
  }
  const { checked, renewed, ended, failed, skipped } = report;
  process.stdout.write(
    skipped
      ? 'another renew sweep is running; nothing done\n'
      : `checked ${checked} enrollments: renewed ${renewed}, ended ${ended}, failed ${failed}\n`,
  );
  if (failed > 0) throw new Error(`${failed} renewals failed (see the log); run again to retry them`);
});

async function sweepHere(config: Config, clock: Clock): Promise<SweepReport> {
  const program = loadProgramConfig(config.programConfigPath);
  const store = await storeForCli(config);
  // The local Wix opened here keeps the same date, so what it stamps agrees with the sweep.
  const local = wixForCli(config, null, clock);
  try {
    return await renewSweep(
      {
        store,
        benefits: createBenefitProgramsGateway(local.wix.elevate, program.namespace),
        clock,
        log: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel),
        settings: { wixCallTimeoutMs: config.wixCallTimeoutMs },
      },
      program.lifecycle,
    );
  } finally {
    local.close();
    await store.close();
  }
}
