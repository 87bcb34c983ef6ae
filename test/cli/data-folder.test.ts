import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runTs, type Spawned, spawnTs, waitForHttp } from '../support/processes';

/** The exit code once the process ends, or null when it is still running after `ms`. */
function exitWithin(spawned: Spawned, ms: number): Promise<number | null> {
  return new Promise((resolve) => {
    if (spawned.child.exitCode !== null) return resolve(spawned.child.exitCode);
    const timer = setTimeout(() => resolve(null), ms);
    spawned.child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

// Servers run in node itself (not under the tsx launcher): their pid is the one the owner file names.
describe('one owner per data folder; the CLIs go through it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rb-owner-'));
  const envOf = (port: number) => ({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SCHEDULER: 'off',
    EXPYS_WEBHOOK_INTERVAL_MS: '0',
  });
  const running: Spawned[] = [];
  let owner: Spawned;
  let ownerUrl = '';
  /** What the CLIs see: the same folder, but a PORT no server listens on. */
  let cliEnv: Record<string, string>;

  async function startServer(): Promise<{ server: Spawned; url: string }> {
    const port = await freePort();
    const server = spawnTs('src/server/main.ts', [], envOf(port), 'node');
    running.push(server);
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/health`, server, 120_000);
    return { server, url };
  }

  const enroll = async (url: string, memberId: string) => {
    const admin = await runTs('src/cli/token.ts', ['--admin'], cliEnv);
    expect(admin.code, admin.stderr).toBe(0);
    return fetch(`${url}/web-methods/dashboard/enrollMember`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.stdout.trim()}` },
      body: JSON.stringify({ args: [{ memberId }] }),
    });
  };

  beforeAll(async () => {
    cliEnv = envOf(await freePort());
    ({ server: owner, url: ownerUrl } = await startServer());
  }, 150_000);

  afterAll(async () => {
    await Promise.all(running.map((server) => server.stop()));
  });

  it('a second server on the folder refuses to start: one line naming the folder, the owner’s pid and URL', async () => {
    const second = spawnTs('src/server/main.ts', [], envOf(await freePort()), 'node');
    running.push(second);
    const code = await exitWithin(second, 120_000);
    expect(code, `the second server is still running:\n${second.output()}`).not.toBeNull();
    expect(code).not.toBe(0);
    const lines = second.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(dataDir);
    expect(lines[0]).toContain(`pid ${owner.child.pid}`);
    expect(lines[0]).toContain(ownerUrl);
  }, 150_000);

  it('member add with another PORT goes through the owner: enrolling that member answers at once', async () => {
    const added = await runTs(
      'src/cli/member.ts',
      ['add', '--id', 'through-owner', '--email', 'through.owner@example.com'],
      cliEnv,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^added\s+through-owner/);
    const enrolled = await enroll(ownerUrl, 'through-owner');
    expect(enrolled.status, await enrolled.clone().text()).toBe(200);
  }, 120_000);

  it('integration, renew and setup go through the owner too; its admin routes want a local admin token', async () => {
    const added = await runTs('src/cli/integration.ts', ['add', 'webhook', '--name', 'via-owner'], cliEnv);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(`POST ${ownerUrl}/webhooks/via-owner/gym-visits`);
    const listed = await runTs('src/cli/integration.ts', ['list'], cliEnv);
    expect(listed.stdout).toMatch(/^via-owner\s+webhook/m);
    expect(listed.stdout).not.toContain('whsec_');

    const renewed = await runTs('src/cli/renew.ts', [], cliEnv);
    expect(renewed.code, renewed.stderr).toBe(0);
    expect(renewed.stdout).toMatch(/^checked \d+ enrollments/);
    const setup = await runTs('src/cli/setup.ts', [], cliEnv);
    expect(setup.code, setup.stderr).toBe(0);
    expect(setup.stdout).not.toMatch(/created/);

    const anonymous = await fetch(`${ownerUrl}/_local/renew`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    // The body limit comes first, as on every surface: nothing reads a body over it.
    const oversized = await fetch(`${ownerUrl}/_local/renew`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ at: 'x'.repeat(32 * 1024) }),
    });
    expect(oversized.status).toBe(413);
    expect(((await oversized.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    const member = await runTs('src/cli/token.ts', ['--member', 'through-owner'], cliEnv);
    const asMember = await fetch(`${ownerUrl}/_local/integrations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${member.stdout.trim()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'list' }),
    });
    expect(asMember.status).toBe(403);
  }, 240_000);

  it('with no server the CLIs work on the files; a killed owner leaves nothing that blocks the next', async () => {
    await owner.stop();
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
    const added = await runTs(
      'src/cli/member.ts',
      ['add', '--id', 'on-the-files', '--email', 'on.the.files@example.com'],
      cliEnv,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^added\s+on-the-files/);

    const next = await startServer();
    expect((await enroll(next.url, 'on-the-files')).status).toBe(200);
    next.server.child.kill('SIGKILL');
    await exitWithin(next.server, 10_000);
    const after = await startServer();
    expect((await enroll(after.url, 'through-owner')).status).toBe(200);
  }, 360_000);
});
