import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runTs, type Spawned, spawnTs, waitForHttp } from '../support/processes';

const CLIS = readdirSync('src/cli')
  .filter((file) => file.endsWith('.ts') && readFileSync(join('src/cli', file), 'utf8').includes('runCli('))
  .filter((file) => file !== 'run.ts')
  .map((file) => join('src/cli', file));

describe('--help on every CLI', () => {
  it.each(CLIS)(
    '%s --help prints its usage and does nothing else',
    async (cli) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'rb-help-'));
      const help = await runTs(cli, ['--help'], { DATA_DIR: dataDir, PORT: '1', LOG_LEVEL: 'silent' });
      expect(help.code, help.stderr).toBe(0);
      expect(help.stdout).toMatch(/^usage: npm run /);
      expect(help.stderr).toBe('');
      expect(readdirSync(dataDir)).toEqual([]);
    },
    60_000,
  );
});

// Through the server that owns the data folder (its demo member enrolled today).
describe('renew --at and send member, through the owning server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rb-renew-at-'));
  let server: Spawned;
  let cliEnv: Record<string, string>;
  const renew = (args: string[], env = cliEnv) => runTs('src/cli/renew.ts', args, env);
  const monthsFromNow = (months: number, days = 0) => {
    const date = new Date();
    date.setUTCMonth(date.getUTCMonth() + months);
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
  };

  beforeAll(async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'warn', SCHEDULER: 'off' };
    server = spawnTs('src/server/main.ts', [], { ...env, PORT: String(port) }, 'node');
    await waitForHttp(`http://127.0.0.1:${port}/health`, server, 120_000);
    cliEnv = { ...env, PORT: String(await freePort()) };
  }, 150_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('--help runs no sweep', async () => {
    const help = await renew(['--', '--help']);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run renew/);
    expect(help.stdout).not.toMatch(/checked/);
  }, 60_000);

  it('renews a month on, catches up and ends the program after 12 months; idempotent', async () => {
    const today = await renew([]);
    expect(today.stdout, today.stderr).toBe('checked 1 enrollments: renewed 0, ended 0, failed 0\n');

    const monthOn = await renew(['--at', monthsFromNow(1, 2)]);
    expect(monthOn.stdout, monthOn.stderr).toBe('checked 1 enrollments: renewed 1, ended 0, failed 0\n');
    const again = await renew(['--at', monthsFromNow(1, 2)]);
    expect(again.stdout).toBe('checked 1 enrollments: renewed 0, ended 0, failed 0\n');

    const yearOn = await renew(['--at', monthsFromNow(12, 2)]);
    expect(yearOn.stdout, yearOn.stderr).toBe('checked 1 enrollments: renewed 10, ended 1, failed 0\n');
    const after = await renew(['--at', monthsFromNow(13)]);
    expect(after.stdout).toBe('checked 0 enrollments: renewed 0, ended 0, failed 0\n');
  }, 180_000);

  it('refuses a date it cannot read, and --at against a real Wix', async () => {
    const bad = await renew(['--at', 'next tuesday']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--at must be a date/);

    const realWix = {
      ...cliEnv,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'rb-renew-real-')),
      WIX_APP_ID: 'app',
      WIX_APP_SECRET: 'secret',
      WIX_APP_INSTANCE_ID: 'instance',
    };
    const refused = await renew(['--at', monthsFromNow(1)], realWix);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/only against the local Wix/);
  }, 60_000);

  // After the sweeps above: the member webhook enrolls the member it names.
  it('send member --email signs the person up on the local Wix first; an unknown member still gets 404', async () => {
    const args = ['member', '--member', 'gym-joe', '--email', 'joe@example.com'];
    const first = await runTs('src/cli/send.ts', args, cliEnv);
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(first.stdout).toMatch(/^signed gym-joe up on the local Wix\n/);
    expect(first.stdout).toMatch(/\n2\d\d /);
    const again = await runTs('src/cli/send.ts', args, cliEnv);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toMatch(/signed/);

    const stranger = await runTs('src/cli/send.ts', ['member', '--member', 'nobody-here'], cliEnv);
    expect(stranger.code).toBe(1);
    expect(stranger.stdout).toMatch(/\n404 .*No site member nobody-here/);
  }, 120_000);
});
