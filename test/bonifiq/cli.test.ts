import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CPF } from '../../src/server/bonifiq-demo';
import { freePort, type Spawned, spawnTs, waitForHttp } from '../support/processes';
import { createBonifiqClient } from './client';

async function run(entry: string, args: string[], env: Record<string, string>) {
  const spawned = spawnTs(entry, args, env);
  const code = await new Promise<number | null>((resolve) => spawned.child.once('exit', resolve));
  return { code, output: spawned.output() };
}

describe('BonifiQ credentials from npm start and npm run integration, over real HTTP', () => {
  let server: Spawned;
  let env: Record<string, string>;
  let baseUrl: string;
  const integration = (...args: string[]) => run('src/cli/integration.ts', args, env);

  beforeAll(async () => {
    env = {
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'rb-bonifiq-cli-')),
      LOCAL_AUTH_SECRET: 'cli-test-secret-0123456789-abcdefghijkl',
      LOG_LEVEL: 'info',
      SCHEDULER: 'off',
    };
    baseUrl = `http://127.0.0.1:${env.PORT}`;
    server = spawnTs('src/server/main.ts', [], env);
    await waitForHttp(`${baseUrl}/health`, server, 60_000);
  }, 90_000);
  afterAll(() => server?.stop());

  it('the first start creates the demo PoS and prints its token and key once; they work', async () => {
    await expect.poll(() => server.output(), { timeout: 10_000 }).toContain('BonifiQ PoS');
    const output = server.output();
    const token = /API token (bqt_\S+)/.exec(output)?.[1] ?? '';
    const key = /API key\s+(bqk_\S+) {2}\(demo data\)/.exec(output)?.[1] ?? '';
    expect(token).not.toBe('');
    expect(key).not.toBe('');
    expect(output).toContain(`${baseUrl}/bonifiq`);

    const pos = createBonifiqClient({ baseUrl: `${baseUrl}/bonifiq`, token, key });
    const available = await pos.available(DEMO_CPF, 120);
    expect(available.status).toBe(200);
    expect(available.body).toMatchObject({ Customer: { OriginalId: 'demo-member' }, AvailablePoints: 150 });
    const points = await pos.points(DEMO_CPF);
    expect(points.body.Result?.PointsBalance).toBe(150);
    // Full documents never reach the logs (the access log masks them in paths).
    await expect.poll(() => server.output(), { timeout: 5_000 }).toContain('/Customer/[document]/points');
    expect(server.output()).not.toContain(DEMO_CPF);
    // The key appears in the banner (its line and the export line), never in a log line.
    const withKey = server
      .output()
      .split('\n')
      .filter((line) => line.includes(key));
    expect(withKey).toHaveLength(2);
    expect(withKey.filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
  });

  it('integration add bonifiq prints a new pair once; a PoS may bring its own; names are unique', async () => {
    const added = await integration('add', 'bonifiq', '--name', 'loja-centro');
    expect(added.code).toBe(0);
    const token = /API token\s+(bqt_\S+)/.exec(added.output)?.[1] ?? '';
    const key = /API key\s+(bqk_\S+)/.exec(added.output)?.[1] ?? '';
    expect(added.output).toContain('shown once');
    expect(added.output).toContain(`${baseUrl}/bonifiq`);
    const pos = createBonifiqClient({ baseUrl: `${baseUrl}/bonifiq`, token, key });
    expect((await pos.points('demo.member@example.com')).body.Result?.PointsBalance).toBe(150);

    const own = await integration(
      'add',
      'bonifiq',
      '--name',
      'loja-norte',
      '--token',
      'legacy-token-123',
      '--key',
      'legacy-key-0123456789',
    );
    expect(own.code).toBe(0);
    expect(own.output).not.toContain('legacy-key-0123456789');
    const legacy = createBonifiqClient({
      baseUrl: `${baseUrl}/bonifiq`,
      token: 'legacy-token-123',
      key: 'legacy-key-0123456789',
    });
    expect((await legacy.points('demo.member@example.com')).status).toBe(200);

    expect((await integration('add', 'bonifiq', '--name', 'loja-centro')).code).toBe(1);
    expect((await integration('add', 'bonifiq', '--name', 'x', '--token', 'only-a-token')).code).toBe(1);
    const listed = await integration('list');
    expect(listed.output).toMatch(/loja-centro\s+bonifiq/);
    expect(listed.output).not.toContain(key);
  }, 60_000);

  it('set bonifiq --validate-customer on: a redeem needs the code challenge-code reads from the local inbox', async () => {
    const added = await integration('add', 'bonifiq', '--name', 'loja-otp');
    const token = /API token\s+(bqt_\S+)/.exec(added.output)?.[1] ?? '';
    const key = /API key\s+(bqk_\S+)/.exec(added.output)?.[1] ?? '';
    const pos = createBonifiqClient({ baseUrl: `${baseUrl}/bonifiq`, token, key });
    expect(
      (await integration('set', 'bonifiq', '--name', 'loja-otp', '--validate-customer', 'on')).code,
    ).toBe(0);
    expect((await integration('set', 'bonifiq', '--name', 'nope', '--validate-customer', 'on')).code).toBe(1);

    const available = await pos.available(DEMO_CPF, 120);
    expect(available.body.ShouldValidateCustomer).toBe(true);
    const reward = available.body.Rewards.find((r) => r.Title === '$5 off')?.Id ?? 0;
    const refused = await pos.redeem(reward, { CustomerId: DEMO_CPF, OriginalKey: 'otp-1' });
    expect(refused.body).toMatchObject({ Code: '11', CodeName: 'CustomerNotValidated' });

    expect((await integration('challenge-code', '--name', 'loja-otp')).code).toBe(1); // nothing sent yet
    const sent = await pos.challenge(DEMO_CPF, { TransactionId: 'otp-sale' });
    expect(sent.body.Success).toBe(true);
    const read = await integration('challenge-code', '--name', 'loja-otp', '--customer', DEMO_CPF);
    expect(read.code).toBe(0);
    const code = read.output.trim();
    expect(code).toMatch(/^\d{6}$/);
    // The local sender printed it in the server log too (the stand-in for the customer's SMS or email).
    await expect.poll(() => server.output(), { timeout: 5_000 }).toContain('customer challenge code');

    const valid = await pos.challengeValidate(DEMO_CPF, { TransactionId: 'otp-sale', Code: code });
    expect(valid.body.Success).toBe(true);
    expect((await pos.redeem(reward, { CustomerId: DEMO_CPF, OriginalKey: 'otp-1' })).body.Code).toBe('00');
  }, 120_000);
});
