import { parseEnv } from '../server/env';
import { localAdminToken, mintLocalToken } from './local-token';
import { cliArgs, fail, runCli } from './run';

const USAGE = 'npm run -s token -- --member <memberId> | --admin [--id <userId>] [--ttl <seconds>]';

// Prints a local bearer token for the web-method host — only the token, on stdout.
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
  // Only reads the data folder's secret, so it needs no server: tokens are checked, not stored.
  const token = values.member
    ? await mintLocalToken(config, { kind: 'member', memberId: values.member }, ttl)
    : await localAdminToken(config, values.id, ttl);
  process.stdout.write(`${token}\n`);
});
