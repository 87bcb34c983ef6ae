import { parseEnv } from '../server/env';
import { reachDataFolder } from './data-folder';
import { cliArgs, fail, runCli } from './run';
import { signUpLocally } from './sign-up';

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
  const folder = await reachDataFolder(config, 'npm run member');
  try {
    const { member, created } = await signUpLocally(config, folder, input);
    process.stdout.write(`${created ? 'added' : 'exists'}  ${member.id}  ${values.email}\n`);
  } finally {
    folder.release();
  }
});
