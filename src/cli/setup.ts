import { mkdirSync } from 'node:fs';
import { parseEnv } from '../server/env';
import { loadProgramConfig } from '../server/program-config';
import { setUpProgram } from '../wix/program-setup';
import { wixForCli } from './local-wix';
import { runCli } from './run';

// `npm run setup`: creates the rewards program in whichever Wix the environment points at; re-runnable.
runCli(async () => {
  const config = parseEnv();
  mkdirSync(config.dataDir, { recursive: true });
  const program = loadProgramConfig(config.programConfigPath);
  const local = await wixForCli(config);
  try {
    const setup = await setUpProgram(local.wix.elevate, program);
    const lines = [
      `program definition  ${setup.programDefinitionId}`,
      `pool definition     ${setup.poolDefinitionId}`,
      ...setup.created.map((what) => `created   ${what}`),
      ...setup.existing.map((what) => `exists    ${what}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    local.close();
  }
});
