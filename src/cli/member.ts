import { systemClock } from '../core/clock';
import { createEmulator } from '../emulator/app';
import { addSiteMember, type SiteMemberInput } from '../emulator/members/site-members';
import type { Config } from '../server/env';
import { parseEnv } from '../server/env';
import { postJson, reachDataFolder } from './data-folder';
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
  const input = { id: values.id, email: values.email, ...(values.name ? { name: values.name } : {}) };
  const { member, created } = await signUp(config, input);
  process.stdout.write(`${created ? 'added' : 'exists'}  ${member.id}  ${values.email}\n`);
});

type SignedUp = { member: { id: string }; created: boolean };

/** Through the local Wix's sign-up route when a process serves it; on its file when none does. */
async function signUp(config: Config, input: SiteMemberInput): Promise<SignedUp> {
  if (config.wix.mode !== 'emulator') {
    if (config.wix.target.kind !== 'remote-emulator') {
      fail('Site members sign up on the Wix site itself; this command is for the local Wix.');
    }
    return postJson<SignedUp>(`${config.wix.target.url}/_emulator/members`, input);
  }
  const folder = await reachDataFolder(config, 'npm run member');
  try {
    if (folder.kind === 'server') return await folder.call<SignedUp>('/_wix/_emulator/members', input);
    const emulator = createEmulator({ file: config.wix.file, clock: systemClock });
    try {
      return addSiteMember({ store: emulator.store, clock: emulator.clock }, input);
    } finally {
      emulator.close();
    }
  } finally {
    folder.release();
  }
}
