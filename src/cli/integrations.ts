import { systemClock } from '../core/clock';
import { timeOrderedIds } from '../core/ids';
import type { Config } from '../server/env';
import {
  type IntegrationCommand,
  type IntegrationCommandResult,
  runIntegrationCommand,
} from '../server/integration-commands';
import type { FolderAccess } from './data-folder';
import { storeForCli } from './store';

/** An integration command through the server that owns the data folder, or on the store when none does. */
export async function integrationCommand(
  folder: FolderAccess,
  config: Config,
  command: IntegrationCommand,
): Promise<IntegrationCommandResult> {
  if (folder.kind === 'server') return folder.call<IntegrationCommandResult>('/_local/integrations', command);
  const store = await storeForCli(config);
  try {
    return await runIntegrationCommand({ store, clock: systemClock, ids: timeOrderedIds }, command);
  } finally {
    await store.close();
  }
}
