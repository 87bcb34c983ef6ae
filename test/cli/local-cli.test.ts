import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulator/app';
import { runTs } from '../support/processes';

// The CLIs against the embedded local Wix, with no server running: they open its files themselves.
describe('setup, member and token CLIs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rb-cli-'));
  const env = { DATA_DIR: dataDir, PORT: '1', LOG_LEVEL: 'silent' };

  it('setup creates the program once and finds it the second time', async () => {
    const first = await runTs('src/cli/setup.ts', [], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/created\s+program definition/);
    expect(first.stdout).toMatch(/created\s+item Hoodie/);

    const second = await runTs('src/cli/setup.ts', [], env);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toMatch(/created/);
    const ids = (out: string) => out.split('\n').slice(0, 2).join('\n');
    expect(ids(second.stdout)).toBe(ids(first.stdout));
  }, 60_000);

  it('member add signs a visitor up once; bad arguments print the usage and fail', async () => {
    const args = ['add', '--id', 'cli-member', '--email', 'cli.member@example.com'];
    const added = await runTs('src/cli/member.ts', args, env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^added\s+cli-member/);
    const again = await runTs('src/cli/member.ts', args, env);
    expect(again.stdout).toMatch(/^exists\s+cli-member/);

    const missing = await runTs('src/cli/member.ts', ['add', '--email', 'x@example.com'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/usage: npm run member/);
  }, 60_000);

  it('token prints only a Wix access token the local Wix issued, and refuses an unknown member', async () => {
    const member = await runTs('src/cli/token.ts', ['--member', 'cli-member'], env);
    expect(member.code, member.stderr).toBe(0);
    const token = member.stdout.trim();
    expect(member.stdout).toBe(`${token}\n`);
    expect(await tokenInfo(token)).toMatchObject({
      active: true,
      subjectType: 'MEMBER',
      subjectId: 'cli-member',
    });

    const admin = await runTs('src/cli/token.ts', ['--admin', '--id', 'ops'], env);
    expect(await tokenInfo(admin.stdout.trim())).toMatchObject({ subjectType: 'USER', subjectId: 'ops' });

    const stranger = await runTs('src/cli/token.ts', ['--member', 'nobody-here'], env);
    expect(stranger.code).toBe(1);
    expect(stranger.stdout).toBe('');
    expect(stranger.stderr).toMatch(/No site member nobody-here/);

    const both = await runTs('src/cli/token.ts', ['--member', 'x', '--admin'], env);
    expect(both.code).toBe(1);
    expect(both.stdout).toBe('');
    const badConfig = await runTs('src/cli/token.ts', ['--admin'], { ...env, PORT: 'not-a-port' });
    expect(badConfig.code).toBe(1);
    expect(badConfig.stderr.trim()).toMatch(/^Invalid configuration: PORT /);
  }, 180_000);

  /** Asks the local Wix kept in the data folder (no server runs) what a token is. */
  async function tokenInfo(token: string): Promise<unknown> {
    const local = createEmulator({ file: join(dataDir, 'local-wix.sqlite') });
    try {
      const res = await local.fetch('https://www.wixapis.com/oauth2/token-info', {
        method: 'POST',
        body: JSON.stringify({ token }),
      });
      return await res.json();
    } finally {
      local.close();
    }
  }
});
