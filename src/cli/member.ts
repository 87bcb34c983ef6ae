import { mkdirSync } from 'node:fs';
import { addSiteMember } from '../emulator/members/site-members';
import { parseEnv } from '../server/env';
import { wixForCli } from './local-wix';
import { cliArgs, fail, runCli } from './run';

const USAGE = 'npm run member -- add --id <memberId> --email <email> [--name <name>]';

// The local stand-in for a visitor signing up on the site: adds a site member (and contact) to the local Wix.
runCli(async () => {
  const { values, positionals } = cliArgs(
    { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
    USAGE,
  );
  if (positionals[0] !== 'add' || !values.id || !values.email) fail(`usage: ${USAGE}`);
  const config = parseEnv();
  if (config.wix.mode === 'api-key' || config.wix.mode === 'app') {
    fail('Site members sign up on the Wix site itself; this command is for the local Wix.');
  }
  mkdirSync(config.dataDir, { recursive: true });
  const input = { id: values.id, email: values.email, ...(values.name ? { name: values.name } : {}) };
  const local = await wixForCli(config);
  try {
    if (local.emulator) {
      const { member, created } = addSiteMember(
        { store: local.emulator.store, clock: local.emulator.clock },
        input,
      );
      process.stdout.write(`${created ? 'added' : 'exists'}  ${member.id}  ${values.email}\n`);
      return;
    }
    // Through the running local Wix, as the app (its `/_emulator` routes need a credential like the rest).
    const res = await local.wix.elevated.fetchWithAuth('https://www.wixapis.com/_emulator/members', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { member?: { id: string }; created?: boolean; message?: string };
    if (!res.ok || !body.member) fail(`Cannot add member: ${body.message ?? res.status}`);
    process.stdout.write(`${body.created ? 'added' : 'exists'}  ${body.member.id}  ${values.email}\n`);
  } finally {
    local.close();
  }
});
