import { systemClock } from '../core/clock';
import { renewSweep } from '../core/lifecycle/renew-sweep';
import { parseEnv } from '../server/env';
import { createLogger } from '../server/logger';
import { loadProgramConfig } from '../server/program-config';
import { createBenefitProgramsGateway } from '../wix/benefit-programs-gateway';
import { wixForCli } from './local-wix';
import { runCli } from './run';
import { storeForCli } from './store';

// `npm run renew`: the renew sweep once, now (the server also runs it on its schedule). Idempotent.
runCli(async () => {
  const config = parseEnv();
  const program = loadProgramConfig(config.programConfigPath);
  const store = await storeForCli(config);
  const local = await wixForCli(config);
  try {
    const report = await renewSweep(
      {
        store,
        benefits: createBenefitProgramsGateway(local.wix.elevate, program.namespace),
        clock: systemClock,
        log: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel),
        settings: { wixCallTimeoutMs: config.wixCallTimeoutMs },
      },
      program.lifecycle,
    );
    const { checked, renewed, ended, failed, skipped } = report;
    process.stdout.write(
      skipped
        ? 'another renew sweep is running; nothing done\n'
        : `checked ${checked} enrollments: renewed ${renewed}, ended ${ended}, failed ${failed}\n`,
    );
    if (failed > 0) throw new Error(`${failed} renewals failed (see the log); run again to retry them`);
  } finally {
    local.close();
    await store.close();
  }
});
