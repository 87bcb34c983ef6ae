import { parseEnv } from '../server/env';
import { loadProgramConfig } from '../server/program-config';
import { type ProgramSetup, setUpProgram } from '../wix/program-setup';
import { reachDataFolder } from './data-folder';
import { wixForCli } from './local-wix';
import { cliArgs, runCli } from './run';

// `npm run setup`: creates the rewards program in whichever Wix the environment points at; re-runnable.
runCli(async () => {
  cliArgs({}, 'npm run setup');
  const config = parseEnv();
  const folder = await reachDataFolder(config, 'npm run setup');
  let setup: ProgramSetup;
  try {
    if (folder.kind === 'server') setup = await folder.call<ProgramSetup>('/_local/setup');
    else {
      const local = wixForCli(config, null);
      try {
        setup = await setUpProgram(local.wix.elevate, loadProgramConfig(config.programConfigPath));
      } finally {
        local.close();
      }
    }
  } finally {
    folder.release();
  }
  const lines = [
    `program definition  ${setup.programDefinitionId}`,
    `pool definition     ${setup.poolDefinitionId}`,
    ...setup.created.map((what) => `created   ${what}`),
    ...setup.existing.map((what) => `exists    ${what}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
});
