import { mkdtempSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runCommand, type Spawned, spawnCommand, waitForHttp } from '../support/processes';

// `npm ci` compiles the server and the CLIs to build/ (`prepare`); the npm scripts run that JavaScript and
// rebuild first when a source is newer than the build.
describe('the compiled server and CLIs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rb-dist-'));
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const stamp = join(process.cwd(), 'build', '.built');
  let server: Spawned | undefined;
  afterAll(() => server?.stop());

  it('npm run token rebuilds a stale build, then prints only a token; a bad flag prints the usage', async () => {
    expect((await runCommand('node', ['esbuild.config.mjs', '--if-stale'], env)).code).toBe(0);
    // The local Wix issues tokens to its site members only.
    const member = ['add', '--id', 'demo-member', '--email', 'demo.member@example.com'];
    expect((await runCommand('node', ['build/cli/member.js', ...member], env)).code).toBe(0);
    utimesSync(stamp, new Date(0), new Date(0)); // older than every source: stale
    const before = Date.now();
    const token = await runCommand('npm', ['run', '-s', 'token', '--', '--member', 'demo-member'], env);
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout).toMatch(/^OauthNG\.JWS\.[\w-]+\.[\w-]+\.[\w-]+\n$/);
    // Rebuilt: the stamp carries the time that build started (file times may be coarser than ms).
    expect(statSync(stamp).mtimeMs).toBeGreaterThanOrEqual(before - 2000);

    const bad = await runCommand('npm', ['run', '-s', 'token', '--', '--nonsense'], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/usage: npm run -s token/);
  }, 60_000);

  it('the compiled server starts and serves web methods (its packages bundled, @wix/web-methods too)', async () => {
    const token = (await runCommand('node', ['build/cli/token.js', '--member', 'demo-member'], env)).stdout;
    const port = await freePort();
    server = spawnCommand('node', ['build/server/main.js'], {
      ...env,
      PORT: String(port),
      SCHEDULER: 'off',
      EXPYS_WEBHOOK_INTERVAL_MS: '0',
    });
    await waitForHttp(`http://127.0.0.1:${port}/health`, server);
    const res = await fetch(`http://127.0.0.1:${port}/web-methods/benefits/getMyTokenBalance`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.trim()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ args: [] }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ result: expect.anything() });
  }, 60_000);
});
