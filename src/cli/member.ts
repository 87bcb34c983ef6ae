import { addSiteMember, type SiteMemberInput } from '../emulator/members/site-members';
import type { Config } from '../server/env';
import { parseEnv } from '../server/env';
import type { WixClients } from '../wix/clients';
import { reachDataFolder } from './data-folder';
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
  const input = { id: values.id, email: values.email, ...(values.name ? { name: values.name } : {}) };
  const { member, created } = await signUp(config, input);
  process.stdout.write(`${created ? 'added' : 'exists'}  ${member.id}  ${values.email}\n`);
});

type SignedUp = { member: { id: string }; created: boolean };

/** Through the server that owns the local Wix; on its file when none does; or a local Wix served apart. */
async function signUp(config: Config, input: SiteMemberInput): Promise<SignedUp> {
  const folder = await reachDataFolder(config, 'npm run member');
  try {
    if (folder.kind === 'server') return await folder.call<SignedUp>('/_wix/_emulator/members', input);
    const local = wixForCli(config, null);
    try {
      if (local.emulator)
        return addSiteMember({ store: local.emulator.store, clock: local.emulator.clock }, input);
      return await signUpThrough(local.wix, input);
    } finally {
      local.close();
    }
  } finally {
    folder.release();
  }
}

/** A local Wix served by `npm run emulator`: its sign-up route, as the app (it needs a credential too). */
async function signUpThrough(wix: WixClients, input: SiteMemberInput): Promise<SignedUp> {
  const res = await wix.elevated.fetchWithAuth('https://www.wixapis.com/_emulator/members', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as Partial<SignedUp> & { message?: string };
  if (!res.ok || !body.member) fail(`Cannot add member: ${body.message ?? res.status}`);
  return { member: body.member, created: body.created === true };
}
