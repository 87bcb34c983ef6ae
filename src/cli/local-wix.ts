import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import { createEmulator, type Emulator } from '../emulator/app';
import { loadOrCreateLocalApp, localAppFileOf } from '../emulator/auth/local-app';
import type { Config } from '../server/env';
import { createWixClients, type WixClients } from '../wix/clients';

export interface CliWix {
  wix: WixClients;
  /** The local Wix opened in this process (no server owns the data folder), to write to directly. */
  emulator: Emulator | null;
  close(): void;
}

/**
 * The Wix a CLI talks to, always as the app (like the server): the configured one; in emulator mode the local
 * Wix of the server that owns the data folder (`owner`: its URL; through its `/_wix` with the local app's
 * credentials), or the local Wix file itself — only once the CLI holds the folder (`reachDataFolder`), since a
 * running server caches that file in memory.
 */
export function wixForCli(config: Config, owner: string | null, clock: Clock = systemClock): CliWix {
  if (config.wix.mode !== 'emulator') {
    const wix = createWixClients(config.wix.target, { registerContext: true });
    return { wix, emulator: null, close: () => wix.close() };
  }
  if (owner) {
    const { appId, appSecret, instanceId } = loadOrCreateLocalApp(localAppFileOf(config.wix.file));
    const wix = createWixClients(
      { kind: 'app', appId, appSecret, instanceId, baseUrl: `${owner}/_wix` },
      { registerContext: true },
    );
    return { wix, emulator: null, close: () => wix.close() };
  }
  const emulator = createEmulator({ file: config.wix.file, clock });
  const wix = createWixClients(
    { kind: 'app', ...emulator.credentials, fetch: emulator.fetch },
    { registerContext: true },
  );
  return {
    wix,
    emulator,
    close: () => {
      wix.close();
      emulator.close();
    },
  };
}
