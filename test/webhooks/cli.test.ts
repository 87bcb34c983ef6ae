import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type Spawned, spawnTs, waitForHttp } from '../support/processes';

/** Runs a CLI to its end: exit code and everything it printed. */
async function run(entry: string, args: string[], env: Record<string, string>) {
  const spawned = spawnTs(entry, args, env);
  const code = await new Promise<number | null>((resolve) => spawned.child.once('exit', resolve));
  return { code, output: spawned.output() };
}

describe('npm start banner, npm run send / integration / renew against a running server', () => {
  let server: Spawned;
  let env: Record<string, string>;
  const cli = (name: string, ...args: string[]) => run(`src/cli/${name}.ts`, args, env);

  beforeAll(async () => {
    env = {
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'rb-cli-')),
      LOCAL_AUTH_SECRET: 'cli-test-secret-0123456789-abcdefghijkl',
      LOG_LEVEL: 'warn',
      SCHEDULER: 'off',
    };
    server = spawnTs('src/server/main.ts', [], env);
    await waitForHttp(`http://127.0.0.1:${env.PORT}/health`, server, 60_000);
  }, 90_000);
  afterAll(() => server?.stop());

  it('the first start creates the demo source and prints its secret, URLs and a send command', async () => {
    await expect.poll(() => server.output(), { timeout: 10_000 }).toContain('npm run send -- gym-visit');
    expect(server.output()).toMatch(
      /its secret\s+whsec_[A-Za-z0-9+/=]+ {2}\(demo data, kept in the data folder; npm run send reads it\)/,
    );
    expect(server.output()).toContain(`http://127.0.0.1:${env.PORT}/webhooks/demo/gym-visits`);
  });

  it('send signs with the demo source’s secret: a visit gives a token once; an order and its refund', async () => {
    const at = new Date().toISOString();
    const first = await cli(
      'send',
      'gym-visit',
      '--member',
      'demo-member',
      '--id',
      'cli-visit-1',
      '--at',
      at,
    );
    expect(first.code).toBe(0);
    expect(first.output).toMatch(/200 .*"outcome":"token_issued","duplicate":false/);
    const again = await cli(
      'send',
      'gym-visit',
      '--member',
      'demo-member',
      '--id',
      'cli-visit-1',
      '--at',
      at,
    );
    expect(again.output).toContain('"duplicate":true');

    const paid = await cli(
      'send',
      'order',
      '--member',
      'demo-member',
      '--amount',
      '42.00',
      '--order',
      'cli-o1',
    );
    expect(paid.output).toMatch(/"outcome":"tokens_issued".*"tokens":4/);
    const refund = await cli(
      'send',
      'order',
      '--member',
      'demo-member',
      '--amount',
      '42.00',
      '--order',
      'cli-o1',
      '--type',
      'refunded',
    );
    expect(refund.output).toMatch(/"outcome":"tokens_reversed".*"tokens":4/);
  }, 30_000);

  it('integration add / list / remove: the secret is printed once and never listed', async () => {
    const added = await cli('integration', 'add', 'webhook', '--name', 'gym');
    expect(added.code).toBe(0);
    const secret = /whsec_[A-Za-z0-9+/=]+/.exec(added.output)?.[0] ?? '';
    expect(secret).not.toBe('');
    expect(added.output).toContain(`POST http://127.0.0.1:${env.PORT}/webhooks/gym/orders`);
    expect((await cli('integration', 'add', 'webhook', '--name', 'gym')).output).toContain('already exists');
    const short = await cli('integration', 'add', 'webhook', '--name', 'shop', '--secret', 'whsec_c2hvcnQ=');
    expect(short.code).toBe(1);

    const listed = await cli('integration', 'list');
    expect(listed.output).toMatch(/demo\s+webhook/);
    expect(listed.output).toMatch(/gym\s+webhook/);
    expect(listed.output).not.toContain('whsec_');

    const sent = await cli(
      'send',
      'gym-visit',
      '--member',
      'demo-member',
      '--source',
      'gym',
      '--secret',
      secret,
      '--at',
      '2020-01-01T00:00:00Z',
    );
    expect(sent.output).toContain('"outcome":"token_issued"');
    expect((await cli('integration', 'remove', '--name', 'gym')).code).toBe(0);
    const gone = await cli(
      'send',
      'gym-visit',
      '--member',
      'demo-member',
      '--source',
      'gym',
      '--secret',
      secret,
    );
    expect(gone.output).toContain('404');
    expect(gone.code).toBe(1);
  }, 60_000);

  it('renew runs the sweep once through the running server’s local Wix', async () => {
    const renewed = await cli('renew');
    expect(renewed.output).toContain('checked 1 enrollments: renewed 0, ended 0, failed 0');
    expect(renewed.code).toBe(0);
  }, 30_000);

  it('send wix-member posts a member-created JWT signed with the local Wix key', async () => {
    const sent = await cli('send', 'wix-member', '--member', 'demo-member');
    expect(sent.output).toMatch(/200 .*"outcome":"enrolled"/);
  }, 30_000);
});
