import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { WIX_BACKEND_DIR, wixWebModules, wixWebModulesDrift } from '../server/wix-web-modules';
import { cliArgs, fail, runCli } from './run';

const USAGE = 'npm run wix:sync [-- --check]';

// Writes src/backend/*.web.ts from backend/*.web.ts for the Wix CLI; --check only reports drift.
runCli(async () => {
  const { values } = cliArgs({ check: { type: 'boolean' } }, USAGE);
  const drift = wixWebModulesDrift();
  if (values.check) {
    if (drift.length > 0)
      fail(
        `Out of date (npm run wix:sync regenerates src/backend; a new backend file also goes into src/server/web-methods.ts): ${drift.join(', ')}`,
      );
    return;
  }
  const expected = wixWebModules();
  mkdirSync(WIX_BACKEND_DIR, { recursive: true });
  for (const path of drift) {
    const content = expected.get(path);
    if (content === undefined) rmSync(path);
    else writeFileSync(path, content);
    process.stdout.write(`${content === undefined ? 'removed' : 'wrote'}  ${path}\n`);
  }
});
