import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/processes';

export interface StartedServer {
  baseUrl: string;
  /** The banner's link that opens the page signed in as staff. */
  dashboardUrl: string;
  adminToken: string;
  memberToken: string;
  output(): string;
  stop(): Promise<void>;
}

/** `npm start` as a person runs it: its own process group, a free port, a fresh data folder. */
export async function startServer(timeoutMs = 150_000): Promise<StartedServer> {
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: process.cwd(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'rb-dashboard-')),
      LOG_LEVEL: 'warn',
      SCHEDULER: 'off',
    },
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || !child.pid) return resolve();
      child.once('exit', () => resolve());
      process.kill(-child.pid, 'SIGTERM');
      setTimeout(
        () => child.pid && child.exitCode === null && process.kill(-child.pid, 'SIGKILL'),
        8000,
      ).unref();
    });

  const deadline = Date.now() + timeoutMs;
  while (!/rewards-bridge is up[\s\S]*demo member/.test(output) || !output.includes('webhook source')) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`npm start did not come up:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const line = (label: string) => new RegExp(`^\\s*${label}\\s+(\\S+)`, 'm').exec(output)?.[1] ?? '';
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    dashboardUrl: line('dashboard'),
    adminToken: line('admin token'),
    memberToken: line('member token'),
    output: () => output,
    stop,
  };
}
