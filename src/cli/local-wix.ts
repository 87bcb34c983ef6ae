import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import { createEmulator, type Emulator } from '../emulator/app';
import type { Config } from '../server/env';
import { createWixClients, type WixClients, type WixTarget } from '../wix/clients';

export interface CliWix {
  wix: WixClients;
  /** The local Wix opened in this process (the server was not running), to write to directly. */
  emulator: Emulator | null;
  /** Base URL of a running local Wix this CLI talks to, if any. */
  url: string | null;
  close(): void;
}

/**
 * The Wix a CLI should talk to. In emulator mode a running server owns the local Wix (it caches it in
 * memory), so the CLI goes through its `/_wix` mount; only when no server answers does it open the file.
 */
export async function wixForCli(config: Config, clock: Clock = systemClock): Promise<CliWix> {
  if (config.wix.mode !== 'emulator') {
    const target: WixTarget = config.wix.target;
    const url = target.kind === 'remote-emulator' ? target.url : null;
    return { wix: createWixClients(target, { registerContext: true }), emulator: null, url, close: () => {} };
  }
  const url = `http://${config.host}:${config.port}/_wix`;
  if (await answers(`${url}/health`)) {
    return {
      wix: createWixClients({ kind: 'remote-emulator', url }, { registerContext: true }),
      emulator: null,
      url,
      close: () => {},
    };
  }
  const emulator = createEmulator({ file: config.wix.file, clock });
  return {
    wix: createWixClients({ kind: 'emulator', fetch: emulator.fetch }, { registerContext: true }),
    emulator,
    url: null,
    close: () => emulator.close(),
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}
