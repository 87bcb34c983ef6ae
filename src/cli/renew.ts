import { systemClock } from '../core/clock';
import { renewSweep, type SweepReport } from '../core/lifecycle/renew-sweep';
import type { Config } from '../server/env';
import { parseEnv } from '../server/env';
import { createLogger } from '../server/logger';
import { loadProgramConfig } from '../server/program-config';
import { createBenefitProgramsGateway } from '../wix/benefit-programs-gateway';
import { reachDataFolder } from './data-folder';
import { wixForCli } from './local-wix';
import { runCli } from './run';
import { storeForCli } from './store';

// `npm run renew`: the renew sweep once, now (the server also runs it on its schedule). Idempotent.
runCli(async () => {
  const config = parseEnv();
  const folder = await reachDataFolder(config, 'npm run renew');
  let report: SweepReport;
  try {
    report =
      folder.kind === 'server' ? await folder.call<SweepReport>('/_local/renew') : await sweepHere(config);
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

async function sweepHere(config: Config): Promise<SweepReport> {
  const program = loadProgramConfig(config.programConfigPath);
  const store = await storeForCli(config);
  const local = wixForCli(config, null);
  try {
    return await renewSweep(
      {
        store,
        benefits: createBenefitProgramsGateway(local.wix.elevate, program.namespace),
        clock: systemClock,
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
