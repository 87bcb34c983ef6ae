import type { Caller } from '../../backend/context';
import type { Config } from '../server/env';
import { createLocalAuth, localAuthSecret } from '../server/local-auth';

/** The one place CLIs mint local bearer tokens: signed with this data folder's local auth secret. */
export function mintLocalToken(
  config: Config,
  caller: Exclude<Caller, { kind: 'visitor' }>,
  ttlSeconds?: number,
): Promise<string> {
  return createLocalAuth(localAuthSecret(config.localAuthSecret, config.dataDir)).mint(caller, ttlSeconds);
}

/** A local admin token for this data folder: what `token --admin` prints and what CLIs show its server. */
export const localAdminToken = (config: Config, userId = 'local-admin', ttlSeconds?: number) =>
  mintLocalToken(config, { kind: 'admin', userId }, ttlSeconds);
