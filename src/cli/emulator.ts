import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createEmulator } from '../emulator/app';
import { cliArgs, fail, runCli } from './run';

const USAGE = 'npm run emulator -- [--port 4100] [--file .data/local-wix-shared.sqlite]';

// Serves the local Wix over HTTP on loopback, so several server processes can share it (WIX_EMULATOR_URL).
runCli(async () => {
  const { values } = cliArgs({ port: { type: 'string' }, file: { type: 'string' } }, USAGE);
  const port = Number(values.port ?? 4100);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    fail(`--port must be a port number\nusage: ${USAGE}`);
  const file = resolve(values.file ?? '.data/local-wix-shared.sqlite');
  mkdirSync(dirname(file), { recursive: true });
  const emulator = createEmulator({ file });
  await new Promise<void>((resolvePromise) => {
    const server = serve({ fetch: emulator.app.fetch, port, hostname: '127.0.0.1' }, (info) => {
      process.stdout.write(`local Wix listening on http://127.0.0.1:${info.port} (state: ${file})\n`);
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
