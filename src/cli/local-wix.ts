import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import { createEmulator } from '../emulator/app';
import type { Config } from '../server/env';
import { createWixClients, type WixClients } from '../wix/clients';

export interface CliWix {
  wix: WixClients;
  close(): void;
}

/**
 * The Wix a CLI talks to on its own: the configured one, or in emulator mode the local Wix file itself — only
 * once the CLI holds the data folder (`reachDataFolder`), since a running server caches that file in memory.
 */
export function wixForCli(config: Config, clock: Clock = systemClock): CliWix {
  if (config.wix.mode !== 'emulator') {
    return { wix: createWixClients(config.wix.target, { registerContext: true }), close: () => {} };
  }
  const emulator = createEmulator({ file: config.wix.file, clock });
  return {
    wix: createWixClients({ kind: 'emulator', fetch: emulator.fetch }, { registerContext: true }),
    close: () => emulator.close(),
  };
}
