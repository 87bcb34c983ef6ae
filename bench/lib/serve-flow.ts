import { Hono } from 'hono';
import { buildApp } from '../../src/server/container';
import { parseEnv } from '../../src/server/env';
import { createLogger } from '../../src/server/logger';
import { naiveSeedFlow } from '../naive-seed-flow';
import { naiveVisitFlow } from '../naive-visit-flow';
import { listen } from './servers';

// A server process of its own, for the bench's server-cost suite, bundled like the server
// (`node esbuild.config.mjs --bench`):
//   node build/bench/serve-flow.js app|naive
// Both build the app the same way from the environment (a local Wix over HTTP: WIX_EMULATOR_URL and the
// WIX_APP_* trio), so both processes hold the same code; `app` serves the app, `naive` only the naive seed
// flows (redeem, gym visits). Prints the URL it listens on.

const flow = process.argv[2];
if (flow !== 'app' && flow !== 'naive') throw new Error('usage: serve-flow.ts app|naive');
const running = await buildApp(parseEnv(), createLogger('silent'));
const fetch =
  flow === 'app'
    ? running.app.fetch
    : new Hono().route('/', naiveSeedFlow(running)).route('/', naiveVisitFlow(running)).fetch;
const server = await listen(fetch);
process.stdout.write(`${flow} serving on ${server.url}\n`);
const stop = () => {
  void server
    .close()
    .then(() => running.close())
    .finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
