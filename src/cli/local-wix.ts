import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import { createEmulator, type Emulator } from '../emulator/app';
import { loadOrCreateLocalApp, localAppFileOf } from '../emulator/auth/local-app';
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
 * The Wix a CLI should talk to, always as the app (like the server). In emulator mode a running server
 * owns the local Wix (it caches it in memory), so the CLI goes through its `/_wix` mount with the local
 * app's credentials; only when no server answers does it open the file.
 */
export async function wixForCli(config: Config, clock: Clock = systemClock): Promise<CliWix> {
  if (config.wix.mode !== 'emulator') {
    const target: WixTarget = config.wix.target;
    const url = target.kind === 'app' ? (target.baseUrl ?? null) : null;
    const wix = createWixClients(target, { registerContext: true });
    return { wix, emulator: null, url, close: () => wix.close() };
  }
  const url = `http://${config.host}:${config.port}/_wix`;
  if (await answers(`${url}/health`)) {
    const app = loadOrCreateLocalApp(localAppFileOf(config.wix.file));
    const credentials = { appId: app.appId, appSecret: app.appSecret, instanceId: app.instanceId };
    const wix = createWixClients({ kind: 'app', ...credentials, baseUrl: url }, { registerContext: true });
    return { wix, emulator: null, url, close: () => wix.close() };
  }
  mkdirSync(dirname(config.wix.file), { recursive: true });
  const emulator = createEmulator({ file: config.wix.file, clock });
  const wix = createWixClients(
    { kind: 'app', ...emulator.credentials, fetch: emulator.fetch },
    { registerContext: true },
  );
  return {
    wix,
    emulator,
    url: null,
    close: () => {
      wix.close();
      emulator.close();
    },
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
