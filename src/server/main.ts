import { serve } from '@hono/node-server';
import { banner } from './banner';
import { buildApp } from './container';
import { claimDataFolder, DataFolderBusy, inUseMessage, keepsStateInDataDir } from './data-folder';
import { seedDemo } from './demo';
import { ConfigError, parseEnv } from './env';
import { createLogger } from './logger';
import { startRenewSchedule } from './schedule';

async function main() {
  const config = parseEnv();
  const log = createLogger(config.logLevel);
  // One owner per data folder: a second server would cache the same files and spend the same balance twice.
  const folder = keepsStateInDataDir(config) ? await claimDataFolder(config.dataDir, 'npm start') : null;
  if (folder && 'server' in folder) {
    process.stderr.write(`${inUseMessage(config.dataDir, folder.server)}\n`);
    process.exit(1);
  }
  const claim = folder?.claim;
  const running = await buildApp(config, log);
  const demo = await seedDemo(running);
  const schedule = config.scheduler.enabled ? startRenewSchedule(running, config.scheduler.cron) : null;
  const stopWebhooks =
    config.expys.webhookIntervalMs > 0 ? running.expys.startWorker(config.expys.webhookIntervalMs) : null;
  const server = serve({ fetch: running.app.fetch, port: config.port, hostname: config.host }, (info) => {
    claim?.serving(`http://${config.host}:${info.port}`);
    process.stdout.write(banner(running, `http://${config.host}:${info.port}`, demo));
    log.info({ port: info.port }, 'listening');
  });

  server.on('error', (err: NodeJS.ErrnoException) => {
    const reason =
      err.code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT)` : err.message;
    process.stderr.write(`rewards-bridge cannot listen: ${reason}\n`);
    void running.close().finally(() => process.exit(1));
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    schedule?.stop();
    stopWebhooks?.();
    log.info({ signal }, 'shutting down');
    server.close(async () => {
      await running.close();
      claim?.release();
      process.exit(0);
    });
    // Idle keep-alive sockets must not hold shutdown hostage.
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataFolderBusy) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(
      `rewards-bridge failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
});
