import { cnpj, cpf } from 'cpf-cnpj-validator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addBonifiqIntegration } from '../../src/partners/bonifiq/keys';
import { FIVE_OFF, type PosTestApp, startPosApp } from './support';

describe('BonifiQ credentials and customers', () => {
  let t: PosTestApp;
  beforeEach(async () => {
    t = await startPosApp();
  });
  afterEach(() => t.close());

  it('wrong or missing credentials: 401 envelope, nothing read or written', async () => {
    const ana = await t.customer('ana', 100);
    const wrongKey = t.posWith(t.credentials.token, `${t.credentials.key}x`);
    const unknownToken = t.posWith('bqt_unknown-token', t.credentials.key);
    for (const client of [wrongKey, unknownToken]) {
      const res = await client.available(ana.email, 10);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
      expect(res.body).toMatchObject({ HasError: true, Severity: 2, Code: '91', CodeName: 'Unauthorized' });
      const redeem = await client.redeem(1, { CustomerId: ana.email, OriginalKey: 'k-401' });
      expect(redeem.status).toBe(401);
    }
    const bare = await t.running.app.request('/bonifiq/v1/pvt/Customer/ana@example.com/points');
    expect(bare.status).toBe(401);
    const bearer = await t.running.app.request('/bonifiq/v1/pvt/Customer/ana@example.com/points', {
      headers: { authorization: `Bearer ${t.credentials.key}` },
    });
    expect(bearer.status).toBe(401);
    expect(await t.pointsOf('ana')).toBe(100);
  });

  it('keys are stored hashed; a second integration cannot touch the first one’s rewards', async () => {
    const stored = await t.running.deps.store.integrations.getByName('loja');
    expect(stored).toMatchObject({ kind: 'bonifiq', keyId: t.credentials.token });
    expect(stored?.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(t.credentials.key);

    const ana = await t.customer('ana', 100);
    const fiveOff = await t.rewardNumber(ana.email, FIVE_OFF);
    const redeemed = await t.pos.redeem(fiveOff, { CustomerId: ana.email, OriginalKey: 'loja-1' });
    const other = await addBonifiqIntegration(t.running.deps, { name: 'outra-loja' });
    const otherPos = t.posWith(other.token, other.key);
    const cancel = await otherPos.cancelReward(redeemed.body.Result?.RewardId ?? 0);
    expect(cancel.status).toBe(404);
    expect(cancel.body).toMatchObject({ Code: '03', CodeName: 'RewardNotFound' });
    const byKey = await otherPos.cancelRewardByKey('loja-1');
    expect(byKey.status).toBe(404);
    expect(await t.pointsOf('ana')).toBe(50);
  });

  it('an invalid CPF/CNPJ is a 400 envelope; an unknown customer a not-found code', async () => {
    const ana = await t.customer('ana', 100);
    const valid = ana.document;
    const badDigit = `${valid.slice(0, 10)}${(Number(valid[10]) + 1) % 10}`;
    for (const id of [badDigit, '11111111111', '123', 'not-an-id', '11222333000180']) {
      const res = await t.pos.available(id, 10);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ HasError: true, Severity: 2, Code: '02', CodeName: 'InvalidRequest' });
      expect(res.body.ErrorMessage).toMatch(/CustomerId/);
    }
    const points = await t.pos.points(badDigit);
    expect(points.status).toBe(400);
    expect(points.body).toMatchObject({ Code: '02', Severity: 2 });

    // Punctuation is tolerated; the document still finds the customer.
    const formatted = cpf.format(valid);
    expect((await t.pos.available(formatted, 10)).body).toMatchObject({ Customer: { OriginalId: 'ana' } });

    for (const id of [cpf.generate(), '11222333000181', 'nobody@example.com']) {
      const res = await t.pos.available(id, 10);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({
        HasError: true,
        Severity: 2,
        Code: '01',
        CodeName: 'CustomerNotFound',
      });
      const redeem = await t.pos.redeem(1, { CustomerId: id, OriginalKey: `unknown-${id}` });
      expect(redeem.body).toMatchObject({ HasError: true, Code: '01', CodeName: 'CustomerNotFound' });
    }
    expect(cnpj.isValid('11222333000181')).toBe(true);

    // A site member not enrolled yet (found through Wix by email): listed, but nothing can be used.
    t.addSiteMember('caio', 'caio@example.com');
    const notEnrolled = await t.pos.available('caio@example.com', 50);
    expect(notEnrolled.status).toBe(200);
    expect(notEnrolled.body).toMatchObject({
      Customer: { OriginalId: 'caio', IsEnrolled: false },
      HasRewards: false,
    });
    expect(notEnrolled.body.Rewards.every((r) => !r.CanUse && r.CannotUseReason === 7)).toBe(true);
  });

  it('points: balance, cashback worth and history; an unknown customer is CustomerExists false', async () => {
    const ana = await t.customer('ana', 120);
    const res = await t.pos.points(ana.document);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      Code: '00',
      Severity: 0,
      HasError: false,
      Result: { CustomerExists: true, PointsBalance: 120, CashbackBalance: 12 },
    });
    // The setup's points are a staff adjustment: Wix Loyalty records it as ADJUST.
    expect(res.body.Result?.PointHistory).toEqual(
      expect.arrayContaining([expect.objectContaining({ Amount: 120, PointTypeDescription: 'ADJUST' })]),
    );
    const byEmail = await t.pos.points(ana.email);
    expect(byEmail.body.Result?.PointsBalance).toBe(120);

    const unknown = await t.pos.points('nobody@example.com');
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({
      Code: '01',
      CodeName: 'CustomerNotFound',
      Severity: 1,
      HasWarning: true,
      HasError: false,
      Result: { CustomerExists: false, PointsBalance: 0 },
    });
  });

  it('malformed requests and unsupported endpoints answer in the envelope', async () => {
    const notJson = await t.pos.raw('POST', '/v1/pvt/POS/rewards/available', undefined);
    expect(notJson.status).toBe(400);
    const broken = await t.running.app.request('/bonifiq/v1/pvt/POS/rewards/available', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${t.credentials.token}:${t.credentials.key}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: '{"CustomerId":',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ HasError: true, Code: '02', CodeName: 'InvalidRequest' });
    const checkout = await t.pos.raw('POST', '/v1/pvt/Checkout/redeem/remove', {});
    expect(checkout.status).toBe(404);
    expect(checkout.body).toMatchObject({ HasError: true, Code: '93', CodeName: 'EndpointNotSupported' });
  });

  it('serves its OpenAPI spec, generated from the route definitions', async () => {
    const res = await t.running.app.request('/bonifiq/openapi.json');
    expect(res.status).toBe(200);
    const spec = (await res.json()) as { paths: Record<string, unknown>; servers: { url: string }[] };
    expect(spec.servers[0]?.url).toBe('/bonifiq');
    expect(Object.keys(spec.paths).sort()).toEqual([
      '/v1/pvt/Customer/{id}/points',
      '/v1/pvt/POS/customers/{id}/challenge',
      '/v1/pvt/POS/customers/{id}/challengevalidate',
      '/v1/pvt/POS/orders',
      '/v1/pvt/POS/orders/{id}/cancel',
      '/v1/pvt/POS/rewards',
      '/v1/pvt/POS/rewards/available',
      '/v1/pvt/POS/rewards/{RewardId}',
      '/v1/pvt/POS/rewards/{id}/redeem',
      '/v1/pvt/POS/{orderId}/partialcancel',
      '/v1/pvt/RewardConfigurations/{id}/product-discount/redeem',
    ]);
  });
});
