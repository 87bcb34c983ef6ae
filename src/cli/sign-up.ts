import { addSiteMember, type SiteMemberInput } from '../emulator/members/site-members';
import type { Config } from '../server/env';
import { type SignedUp, signUpAtLocalWix } from '../wix/local-sign-up';
import type { FolderAccess } from './data-folder';
import { wixForCli } from './local-wix';

/**
 * A visitor signing up on the local Wix: through the server that owns the data folder, on its file when none
 * does, or on a local Wix served apart. The caller holds `folder` (reachDataFolder) while this runs.
 */
export async function signUpLocally(
  config: Config,
  folder: FolderAccess,
  input: SiteMemberInput,
): Promise<SignedUp> {
  if (folder.kind === 'server') return await folder.call<SignedUp>('/_wix/_emulator/members', input);
  const local = wixForCli(config, null);
  try {
    if (local.emulator)
      return addSiteMember({ store: local.emulator.store, clock: local.emulator.clock }, input);
    return await signUpAtLocalWix(local.wix, input);
  } finally {
    local.close();
  }
}
