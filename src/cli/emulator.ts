import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createEmulator } from '../emulator/app';
import { localAppFileOf } from '../emulator/auth/local-app';
import { parseEnv } from '../server/env';
import { cliArgs, fail, runCli } from './run';

const USAGE = 'npm run emulator -- [--port 4100] [--file .data/local-wix-shared.sqlite]';

/**
 * Serves the local Wix over HTTP on loopback only, so several server processes can share it
 * (WIX_EMULATOR_URL). Its app is the one in WIX_APP_ID / WIX_APP_SECRET / WIX_APP_INSTANCE_ID when set —
 * give the servers the same — or else the one kept beside its state file. LOCAL_WIX_DELAY_MS (±
 * LOCAL_WIX_DELAY_JITTER_MS) makes each Wix call as slow as Wix's REST API.
 */
runCli(async () => {
  const { values } = cliArgs({ port: { type: 'string' }, file: { type: 'string' } }, USAGE);
  const port = Number(values.port ?? 4100);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    fail(`--port must be a port number\nusage: ${USAGE}`);
  const config = parseEnv();
  const configured =
    config.wix.mode !== 'emulator' && config.wix.target.kind === 'app' ? config.wix.target : null;
  const file = resolve(values.file ?? '.data/local-wix-shared.sqlite');
  mkdirSync(dirname(file), { recursive: true });
  const emulator = createEmulator({
    file,
    latency: config.localWixLatency,
    ...(configured
      ? {
          app: {
            appId: configured.appId,
            appSecret: configured.appSecret,
            instanceId: configured.instanceId,
          },
        }
      : {}),
  });
  const { appId, instanceId } = emulator.credentials;
  await new Promise<void>((resolvePromise) => {
    const server = serve({ fetch: emulator.app.fetch, port, hostname: '127.0.0.1' }, (info) => {
      process.stdout.write(
        [
          `local Wix listening on http://127.0.0.1:${info.port} (state: ${file})`,
          `  its app: WIX_APP_ID=${appId} WIX_APP_INSTANCE_ID=${instanceId}`,
          `  WIX_APP_SECRET: ${configured ? 'as configured' : `in ${localAppFileOf(file)}`}`,
          ...(config.localWixLatency
            ? [
                `  each Wix call waits ${config.localWixLatency.meanMs} ± ${config.localWixLatency.jitterMs} ms (LOCAL_WIX_DELAY_MS, LOCAL_WIX_DELAY_JITTER_MS)`,
              ]
            : []),
          '',
        ].join('\n'),
      );
    });
    const stop = () =>
      server.close(() => {
        emulator.close();
        resolvePromise();
      });
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
});
