import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runCommand, type Spawned, spawnTs, waitForHttp } from '../support/processes';

/**
 * The banner's ready-to-paste commands, in order: `export`, `curl` and `npm run` lines of its "try" blocks
 * (with their continuation lines); explanations in parentheses are left out.
 */
function commandsOf(banner: string): string {
  const commands: string[] = [];
  let continuing = false;
  for (const line of banner.split('\n')) {
    if (continuing || /^ {4}(export|curl|npm) /.test(line)) commands.push(line.trim());
    continuing = line.endsWith('\\');
  }
  return commands.join('\n');
}

/**
 * Runs them in bash as a person pasting them would; `npm run <cli> -- …` runs that CLI's TypeScript (as the
 * tests do), and curl fails on an HTTP error, so any failing command fails the script.
 */
async function paste(commands: string, env: Record<string, string>) {
  const script = [
    'set -euo pipefail',
    'curl() { command curl --fail-with-body "$@"; echo; }',
    'npm() {',
    '  shift; if [ "$1" = "-s" ]; then shift; fi',
    '  local cli="$1"; shift; if [ "$#" -gt 0 ] && [ "$1" = "--" ]; then shift; fi',
    '  node_modules/.bin/tsx "src/cli/$cli.ts" "$@"',
    '}',
    commands,
  ].join('\n');
  const result = await runCommand('bash', ['-c', script], env);
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
}

// Every start of the local mode prints commands that work as pasted, the second start too.
describe('the start banner’s commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rb-banner-'));
  const env = { DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'warn', SCHEDULER: 'off' };
  let server: Spawned | undefined;

  async function start(): Promise<string> {
    const port = await freePort();
    server = spawnTs('src/server/main.ts', [], { ...env, PORT: String(port) }, 'node');
    await waitForHttp(`http://127.0.0.1:${port}/health`, server, 120_000);
    const deadline = Date.now() + 30_000;
    while (!server.output().includes('BonifiQ PoS') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    return server.output();
  }

  afterAll(async () => {
    await server?.stop();
  });

  it.each(['first', 'second'])(
    'on the %s start they set every variable they use and all succeed',
    async () => {
      await server?.stop();
      const banner = await start();
      const commands = commandsOf(banner);
      for (const name of ['MEMBER', 'EXPYS_KEY', 'MEMBER_TOKEN', 'BQ_TOKEN', 'BQ_KEY'])
        expect(commands).toMatch(new RegExp(`export (.* )?${name}=`));
      expect(commands).toMatch(/npm run send -- gym-visit/);
      const pasted = await paste(`${commands}\ntest -n "$MEMBER_TOKEN" && test -n "$BQ_KEY"`, {
        DATA_DIR: dataDir,
        PORT: '1',
        LOG_LEVEL: 'warn',
      });
      expect(pasted.stdout).toMatch(/"redemption":\{"id":"rdm_/);
      expect(pasted.stdout).toMatch(/"title":"\$5 off"/);
      expect(pasted.stdout).toMatch(/"AvailablePoints":\d+/);
      expect(pasted.stdout).toMatch(/^2\d\d /m);
      expect(statSync(join(dataDir, 'demo-credentials.json')).mode & 0o777).toBe(0o600);
    },
    300_000,
  );

  // After the two starts above: the walk runs the program's year to its end.
  it('the banner’s commands, then the README’s first-hour block, run as written, in order', async () => {
    await server?.stop();
    const banner = await start();
    const port = /URL\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(banner)?.[1] ?? '';
    const readme = readFileSync('README.md', 'utf8');
    const block = /### A first hour, step by step[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(block).toMatch(/npm run renew -- --at/);
    const walk = `${commandsOf(banner)}\n${block.replaceAll('localhost:3000', `127.0.0.1:${port}`)}`;
    const pasted = await paste(walk, { DATA_DIR: dataDir, PORT: '1', LOG_LEVEL: 'warn' });
    expect(pasted.stdout).toMatch(/signed gym-joe up on the local Wix/);
    expect(pasted.stdout).toMatch(/removed|revoked/);
    expect(pasted.stdout).toMatch(/checked \d+ enrollments: renewed \d+, ended [1-9]/);
    expect(pasted.stdout).toMatch(/"AvailablePoints":\d+/);
  }, 300_000);
});

// A server against a local Wix served apart (`npm run emulator`) is local too: the same demo and commands.
describe('the start banner against npm run emulator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rb-banner-remote-'));
  const app = {
    WIX_APP_ID: 'banner-app',
    WIX_APP_SECRET: 'banner-app-secret-0123456789-abcdef',
    WIX_APP_INSTANCE_ID: 'banner-instance',
  };
  const processes: Spawned[] = [];
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
  });

  it('prints the demo member, its tokens and working credentials', async () => {
    const wixPort = await freePort();
    const wix = spawnTs(
      'src/cli/emulator.ts',
      ['--port', String(wixPort), '--file', join(dir, 'wix.sqlite')],
      app,
    );
    processes.push(wix);
    const wixUrl = `http://127.0.0.1:${wixPort}`;
    await waitForHttp(`${wixUrl}/health`, wix, 120_000);
    const env = {
      ...app,
      WIX_EMULATOR_URL: wixUrl,
      DATA_DIR: join(dir, 'server'),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SCHEDULER: 'off',
    };
    const port = await freePort();
    const server = spawnTs('src/server/main.ts', [], { ...env, PORT: String(port) }, 'node');
    processes.push(server);
    await waitForHttp(`http://127.0.0.1:${port}/health`, server, 120_000);
    await expect.poll(() => server.output(), { timeout: 30_000 }).toContain('BonifiQ PoS');
    const banner = server.output();
    expect(banner).toMatch(/demo member\s+demo-member/);
    expect(banner).toMatch(/admin token\s+\S+/);
    const commands = commandsOf(banner);
    for (const name of ['MEMBER', 'EXPYS_KEY', 'MEMBER_TOKEN', 'BQ_TOKEN', 'BQ_KEY'])
      expect(commands).toMatch(new RegExp(`export (.* )?${name}=`));
    const pasted = await paste(commands, { ...env, PORT: '1' });
    expect(pasted.stdout).toMatch(/"redemption":\{"id":"rdm_/);
    expect(pasted.stdout).toMatch(/"AvailablePoints":\d+/);
  }, 300_000);
});
