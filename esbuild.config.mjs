// Compiles the server and the CLIs to build/ once (`npm ci` runs `prepare`), so `npm start` and every CLI
// run bundled JavaScript instead of compiling TypeScript and resolving thousands of module files on each
// run. The npm scripts start through `--run`, which rebuilds first when a source is newer than the build:
// a stale build never runs.
// The staff dashboard page is built here too (Vite, into build/dashboard), when its sources changed: at
// install, by `npm run build:dashboard`, and before the server starts.
//   node esbuild.config.mjs                    build what is stale (the server and CLIs always)
//   node esbuild.config.mjs --if-stale         build only what a source changed since its last build
//   node esbuild.config.mjs --dashboard        build the dashboard page
//   node esbuild.config.mjs --run <entry> …    build if stale, then run build/<entry>.js with the arguments
//   node esbuild.config.mjs --bench            build if stale the server, the CLIs and build/bench/ (the
//                                              bench's server processes)
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const outdir = join(root, 'build');
/** Written after a build with the time the build started: sources changed since then make it stale. */
const stamp = join(outdir, '.built');
const sources = ['src', 'backend', 'webhooks', 'package.json', 'package-lock.json', 'esbuild.config.mjs'];
/**
 * Left in node_modules: a native addon, a driver with an optional native part, and a logger that starts
 * worker threads from its own files. Everything else is bundled (start-up is then ~2.5× faster).
 */
const external = ['better-sqlite3', 'pg', 'pino', 'esbuild'];

/** Newest modification time of the files under `path`, in ms. */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs; // a deleted or renamed file changes its folder
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

/** Whether a source is newer than `built` (a file's path): missing counts as stale. */
function staleAgainst(built, inputs) {
  const at = statSync(built, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return inputs.some((source) => newest(join(root, source)) > at);
}

const isStale = () => staleAgainst(stamp, sources);

const dashboardBuilt = join(outdir, 'dashboard', 'index.html');
/** What the page is made of: its sources, the web-method names it calls, the build setup, the deps. */
const dashboardSources = ['src/dashboard', 'backend', 'vite.config.ts', 'package-lock.json'];
const isDashboardStale = () => staleAgainst(dashboardBuilt, dashboardSources);

async function buildDashboard() {
  process.stdout.write('building the dashboard page (vite)…\n');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), configLoader: 'runner', logLevel: 'warn' });
}

/** The server and every CLI with a main (`runCli(` at the start of a line); the rest are their modules. */
function entryPoints() {
  const cli = readdirSync(join(root, 'src/cli'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => `src/cli/${file}`)
    .filter((file) => /^runCli\(/m.test(readFileSync(join(root, file), 'utf8')));
  return ['src/server/main.ts', ...cli];
}

/**
 * Bundles `entryPoints` into `outdir` the way the server runs in production (`npm start`), and drops the
 * chunks of earlier builds there that this one did not write.
 */
async function bundle({ entryPoints, outdir: into, outbase }) {
  const esbuild = await import('esbuild');
  mkdirSync(into, { recursive: true });
  const { metafile } = await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    outdir: into,
    outbase,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    // Bundled CommonJS packages require Node's built-ins; an ES module has no `require` of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
    metafile: true,
  });
  await esbuild.stop();
  // Chunks are named by their content: drop the ones this build did not write.
  const written = new Set(Object.keys(metafile.outputs));
  const chunks = join(into, 'chunks');
  for (const chunk of existsSync(chunks) ? readdirSync(chunks) : []) {
    const path = join(chunks, chunk);
    if (!written.has(relative(root, path))) rmSync(path);
  }
}

/** Bundles `entryPoints`, then stamps `stampFile` with the time the build started. */
async function stampedBundle(stampFile, options) {
  const started = new Date();
  await bundle(options);
  writeFileSync(stampFile, '');
  utimesSync(stampFile, started, started);
}

const build = () => stampedBundle(stamp, { entryPoints: entryPoints(), outdir, outbase: 'src' });

/**
 * The bench's server processes (bench/lib/serve-flow.ts: the app, or the naive flows), bundled like the
 * server, so their CPU time and memory are those of production code, not of a TypeScript loader. At depth
 * two like build/server/, so the sources' paths relative to `import.meta.url` still resolve.
 */
const benchOutdir = join(outdir, 'bench');
const benchStamp = join(benchOutdir, '.built');
const buildBench = () =>
  stampedBundle(benchStamp, {
    entryPoints: ['bench/lib/serve-flow.ts'],
    outdir: benchOutdir,
    outbase: 'bench/lib',
  });

const [flag, entry, ...args] = process.argv.slice(2);
if (flag === '--run') {
  if (!entry) throw new Error('usage: node esbuild.config.mjs --run <entry> [args…]');
  if (isStale()) await build();
  if (entry === 'server/main' && isDashboardStale()) await buildDashboard();
  // The entry reads its arguments from process.argv, as if Node had started it directly.
  const file = join(outdir, `${entry}.js`);
  process.argv = [process.argv[0] ?? 'node', file, ...args];
  await import(pathToFileURL(file).href);
} else if (flag === '--bench') {
  // The local Wix runs as `npm run emulator` does (build/cli/emulator.js); the servers from build/bench/.
  if (isStale()) await build();
  if (staleAgainst(benchStamp, [...sources, 'bench'])) await buildBench();
} else if (flag === '--dashboard') {
  await buildDashboard();
} else {
  if (flag !== '--if-stale' || isStale()) await build();
  if (isDashboardStale()) await buildDashboard();
}
