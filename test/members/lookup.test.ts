import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addExpysIntegration } from '../../src/partners/expys/keys';
import { type PosTestApp, startPosApp } from '../bonifiq/support';
import { ExpysClient } from '../expys/client';
import { joined } from '../webhooks/support';

// One member lookup for every surface: an email in any case or with stray whitespace, a CPF/CNPJ with or
// without punctuation, finds the same member on each surface that looks members up by them.

const EMAILS = [
  'maria.souza@example.com',
  'MARIA.SOUZA@EXAMPLE.COM',
  '  Maria.Souza@Example.com  ',
  '\tmaria.souza@EXAMPLE.com ',
];
const CPF = '529.982.247-25';
const CNPJ = '11.222.333/0001-81';
const CPFS = ['52998224725', CPF, ` ${CPF} `];
const CNPJS = ['11222333000181', CNPJ];

describe('member lookup by email or document', () => {
  let t: PosTestApp;
  let expys: ExpysClient;
  let admin: string;

  beforeAll(async () => {
    t = await startPosApp({ env: { EXPYS_SANDBOX_STORAGE: 'memory', EXPYS_RATE_LIMIT_PER_MINUTE: '0' } });
    admin = await t.adminToken();
    const { key } = await addExpysIntegration(t.running.deps, {
      name: 'acme',
      environment: 'live',
      currency: 'points',
    });
    expys = new ExpysClient({
      baseUrl: 'http://rewards.local/expys',
      fetch: async (url, init) => t.running.app.request(url, init),
      token: key,
    });
    // Wix knows them by another login email: only the member directory knows the partner's email, so
    // a lookup that does not normalize like the directory does finds nobody.
    await enroll('maria', 'maria@login.example', { email: 'Maria.Souza@Example.COM', document: CPF });
    await enroll('padaria', 'padaria@login.example', { document: CNPJ });
  });
  afterAll(() => t.close());

  async function enroll(memberId: string, loginEmail: string, facts: Record<string, string>) {
    t.addSiteMember(memberId, loginEmail);
    const res = await t.send('members', joined(memberId, t.clock.now(), facts));
    expect(res.status).toBe(200);
    const given = await t.call(
      'dashboard/adjustPoints',
      [{ memberId, amount: 120, reason: 'test setup', idempotencyKey: `setup-${memberId}` }],
      admin,
    );
    expect(given.status).toBe(200);
  }

  const findMember = async (query: string) =>
    (await t.call<{ memberId: string }>('dashboard/findMember', [{ query }], admin)).body.result?.memberId;

  it('an email in any case, with whitespace, finds the same member on every surface', async () => {
    for (const [i, email] of EMAILS.entries()) {
      // Expys: PUT /v1/members links the partner's user by email; its wallet is that member's.
      const linked = await expys.setMember(`maria-${i}`, { attributes: { email } });
      expect(linked.status, email).toBe(200);
      expect(linked.data, email).toMatchObject({ wallet: { balance: 120 } });

      // BonifiQ: the customer id in the path and in the body.
      const points = await t.pos.points(email);
      expect(points.status, email).toBe(200);
      expect(points.body.Result, email).toMatchObject({ CustomerExists: true, PointsBalance: 120 });
      const available = await t.pos.available(email, 10);
      expect(available.body, email).toMatchObject({ Customer: { OriginalId: 'maria' } });

      // Dashboard web method.
      expect(await findMember(email), email).toBe('maria');
    }
  });

  it('a CPF or CNPJ with or without punctuation finds the same member', async () => {
    for (const [memberId, documents] of [
      ['maria', CPFS],
      ['padaria', CNPJS],
    ] as const) {
      for (const document of documents) {
        const points = await t.pos.points(document);
        expect(points.body.Result, document).toMatchObject({ CustomerExists: true, PointsBalance: 120 });
        const available = await t.pos.available(document, 10);
        expect(available.body, document).toMatchObject({ Customer: { OriginalId: memberId } });
        expect(await findMember(document), document).toBe(memberId);
      }
    }
  });

  it('an email or document nobody holds is still not found', async () => {
    expect((await expys.setMember('ghost', { attributes: { email: ' Ghost@Example.com ' } })).status).toBe(
      404,
    );
    expect((await t.pos.points(' Ghost@Example.com ')).body).toMatchObject({ CodeName: 'CustomerNotFound' });
    expect((await t.pos.points('390.533.447-05')).body).toMatchObject({ CodeName: 'CustomerNotFound' });
    const nobody = await t.call('dashboard/findMember', [{ query: ' Ghost@Example.com ' }], admin);
    expect(nobody.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
