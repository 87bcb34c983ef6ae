import { parseEnv } from '../server/env';
import { loginAtLocalWix } from '../wix/local-login';
import { reachDataFolder } from './data-folder';
import { wixForCli } from './local-wix';
import { cliArgs, fail, runCli } from './run';

const USAGE = 'npm run -s token -- --member <memberId> | --admin [--id <userId>] [--ttl <seconds>]';

// Prints a Wix access token the local Wix issued for a member or staff — only the token, on stdout.
runCli(async () => {
  const { values } = cliArgs(
    {
      member: { type: 'string' },
      admin: { type: 'boolean' },
      id: { type: 'string' },
      ttl: { type: 'string' },
    },
    USAGE,
  );
  const config = parseEnv();
  if (config.wix.mode !== 'emulator' && config.wix.mode !== 'remote-emulator') {
    fail('Local tokens exist only with the local Wix; on Wix, web methods get the visitor’s own token.');
  }
  if (!values.member === !values.admin) fail(`Give exactly one of --member or --admin\nusage: ${USAGE}`);
  const ttl = values.ttl ? Number(values.ttl) : undefined;
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1))
    fail('--ttl must be a whole number of seconds');
  const folder = await reachDataFolder(config, 'npm run token');
  const local = wixForCli(config, folder.kind === 'server' ? folder.url : null);
  try {
    const who = values.member ? { memberId: values.member } : { userId: values.id ?? 'local-admin' };
    const token = await loginAtLocalWix(local.wix, who, ttl !== undefined ? { ttlSeconds: ttl } : {});
    process.stdout.write(`${token}\n`);
  } finally {
    local.close();
    folder.release();
  }
});
