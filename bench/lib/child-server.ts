import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The Node flags `npm start` runs the server with (package.json's start script: `node <flags> …`), e.g. its
 * V8 heap budget: every server process the bench starts gets the same.
 */
export function serverNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [node, ...words] = scripts.start.split(/\s+/);
  if (node !== 'node')
    throw new Error(`package.json's start script does not start with node: ${scripts.start}`);
  const flags: string[] = [];
  for (const word of words) {
    if (!word.startsWith('--')) break;
    flags.push(word);
  }
  return flags;
}

export interface ChildServer {
  /** The URL it printed once listening. */
  url: string;
  /** The process that serves it (node itself, not a launcher): what CPU and RSS are read from. */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Builds, when a source changed, what the server processes run: the server and CLIs as `npm start` and
 * `npm run emulator` run them (build/), and the bench's server entry bundled the same way (build/bench/).
 */
export function buildServers(): void {
  execFileSync(process.execPath, ['esbuild.config.mjs', '--bench'], {
    cwd: ROOT,
    stdio: ['ignore', process.stderr, process.stderr],
  });
}

/** The bundles `buildServers` writes, by what they serve. */
export const BUILT = {
  localWix: 'build/cli/emulator.js',
  serveFlow: 'build/bench/serve-flow.js',
} as const;

/**
 * Runs a bundled entry point (a file under build/) in its own node process, as production does (`node
 * <flags of npm start> <file>`, so its pid is the server's own and no TypeScript loader shares its CPU or memory), and resolves
 * once it prints the URL it listens on (the first `http://127.0.0.1:<port>` on stdout).
 */
export function startChildServer(
  entry: string,
  args: string[],
  env: Record<string, string>,
  cpuProfileDir: string | null,
): Promise<ChildServer> {
  // A CPU profile, when asked for, is written there when the process stops.
  const profile = cpuProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`, '--cpu-prof-interval=200']
    : [];
  const child = spawn(process.execPath, [...serverNodeFlags(), ...profile, entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${entry} did not start in 90 s:\n${output}`)), 90_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
      if (!url || child.pid === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve({ url, pid: child.pid, stop: () => stop(child) });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => fail(new Error(`${entry} exited with ${code}:\n${output}`)));
    child.once('error', fail);
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}
