import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalAuth, localAuthSecret } from '../../src/server/local-auth';
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

  it('token prints only a bearer token the local host accepts', async () => {
    const member = await runTs('src/cli/token.ts', ['--member', 'cli-member'], env);
    expect(member.code, member.stderr).toBe(0);
    const token = member.stdout.trim();
    expect(member.stdout).toBe(`${token}\n`);
    const auth = createLocalAuth(localAuthSecret(undefined, dataDir));
    expect(await auth.verify(token)).toEqual({ kind: 'member', memberId: 'cli-member' });

    const admin = await runTs('src/cli/token.ts', ['--admin', '--id', 'ops'], env);
    expect(await auth.verify(admin.stdout.trim())).toEqual({ kind: 'admin', userId: 'ops' });

    const both = await runTs('src/cli/token.ts', ['--member', 'x', '--admin'], env);
    expect(both.code).toBe(1);
    expect(both.stdout).toBe('');
    const badConfig = await runTs('src/cli/token.ts', ['--admin'], { ...env, PORT: 'not-a-port' });
    expect(badConfig.code).toBe(1);
    expect(badConfig.stderr.trim()).toMatch(/^Invalid configuration: PORT /);
  }, 60_000);
});
