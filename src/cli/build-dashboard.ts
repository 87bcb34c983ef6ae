import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cliArgs, runCli } from './run';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILT = join(ROOT, 'dist/dashboard/index.html');
/** What the built page is made of: its sources, the web-method names it calls, the build setup, the deps. */
const SOURCES = ['src/dashboard', 'backend', 'vite.config.ts', 'package-lock.json'];

function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

const isFresh = () =>
  existsSync(BUILT) &&
  statSync(BUILT).mtimeMs >= Math.max(...SOURCES.map((s) => newestChange(join(ROOT, s))));

// Builds the staff dashboard page with Vite into dist/dashboard (served at /dashboard). `--if-stale` does
// nothing when the build is newer than every source, so `npm start` stays fast.
runCli(async () => {
  const { values } = cliArgs({ 'if-stale': { type: 'boolean' } }, 'npm run build:dashboard [-- --if-stale]');
  if (values['if-stale'] && isFresh()) return;
  process.stdout.write('building the dashboard page (vite)…\n');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), configLoader: 'runner' });
});
