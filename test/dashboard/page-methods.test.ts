import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as dashboard from '../../backend/dashboard.web';
import type { IntegrationView, RedemptionView } from '../../backend/views';
import { webMethodExports } from '../../src/dashboard/build/web-method-exports';
import { GYM_ITEMS } from '../support/app';
import { DAY, joined, startWebhookApp, type WebhookTestApp } from '../webhooks/support';

type Page = { items: RedemptionView[]; nextCursor: string | null };

let t: WebhookTestApp;
let admin: string;
beforeEach(async () => {
  t = await startWebhookApp();
  admin = await t.adminToken();
});
afterEach(() => t.close());

describe('the page’s web-method client', () => {
  it('is made from every export of backend/dashboard.web.ts, read from its source', () => {
    const names = webMethodExports('backend/dashboard.web.ts');
    expect(names.sort()).toEqual(Object.keys(dashboard).sort());
    expect(names).toContain('getProgramReport');
  });
});

describe('findMember', () => {
  beforeEach(async () => {
    t.addSiteMember('bia');
    await t.send(
      'members',
      joined('bia', t.clock.now(), { email: 'Bia@Example.com', document: '529.982.247-25' }),
    );
  });

  it('finds by site member id, email (any case) or CPF with or without punctuation', async () => {
    for (const query of ['bia', 'bia@example.com', 'BIA@example.com', '52998224725', '529.982.247-25']) {
      const res = await t.call<{ memberId: string; tokenBalance: number }>(
        'dashboard/findMember',
        [{ query }],
        admin,
      );
      expect(res.body.result?.memberId, query).toBe('bia');
    }
  });

  it('says which: nobody, or a document whose check digits are wrong', async () => {
    const nobody = await t.call('dashboard/findMember', [{ query: 'nobody@example.com' }], admin);
    expect(nobody.body.error?.code).toBe('NOT_FOUND');
    const typo = await t.call('dashboard/findMember', [{ query: '529.982.247-26' }], admin);
    expect(typo.body.error?.code).toBe('VALIDATION');
    const member = await t.call('dashboard/findMember', [{ query: 'bia' }], await t.memberToken('bia'));
    expect(member.status).toBe(403);
  });

  it('getMemberOffers lists what staff can redeem for the member', async () => {
    const res = await t.call<{
      benefits: { items: { externalId: string }[] };
      rewards: { items: unknown[] };
    }>('dashboard/getMemberOffers', [{ memberId: 'bia' }], admin);
    expect(res.body.result?.benefits.items.map((i) => i.externalId)).toContain(GYM_ITEMS.towel);
    expect(res.body.result?.rewards.items.length).toBeGreaterThan(0);
  });
});

describe('listRedemptions filters', () => {
  it('by channel and by creation day, with cursor paging', async () => {
    const ann = await t.member('ann', 100);
    await t.call(
      'benefits/redeemMyBenefit',
      [{ externalId: GYM_ITEMS.waterBottle, idempotencyKey: 'site-day1-1' }],
      ann,
    );
    t.clock.advance(DAY);
    for (const key of ['dash-day2-1', 'dash-day2-2', 'dash-day2-3']) {
      await t.call(
        'dashboard/redeemBenefitForMember',
        [{ memberId: 'ann', externalId: GYM_ITEMS.waterBottle, idempotencyKey: key }],
        admin,
      );
    }
    const list = async (filter: Record<string, unknown>) =>
      (await t.call<Page>('dashboard/listRedemptions', [filter], admin)).body.result;

    expect((await list({ channel: 'site' }))?.items).toHaveLength(1);
    expect((await list({ from: '2026-01-02', to: '2026-01-02' }))?.items.map((r) => r.channel)).toEqual([
      'dashboard',
      'dashboard',
      'dashboard',
    ]);
    expect((await list({ to: '2026-01-01' }))?.items.map((r) => r.channel)).toEqual(['site']);
    const first = await list({ channel: 'dashboard', limit: 2 });
    expect(first?.items).toHaveLength(2);
    const rest = await list({ channel: 'dashboard', limit: 2, cursor: first?.nextCursor });
    expect(rest?.items).toHaveLength(1);
    expect(rest?.nextCursor).toBeNull();
    const bad = await t.call('dashboard/listRedemptions', [{ from: '2026-13-01' }], admin);
    expect(bad.body.error?.code).toBe('VALIDATION');
  });
});

describe('integrations', () => {
  it('adds each kind with its secret shown once, lists none of them, and revokes', async () => {
    const webhook = await t.call<{ integration: IntegrationView; credentials: { secret: string } }>(
      'dashboard/addIntegration',
      [{ kind: 'webhook', name: 'door-2' }],
      admin,
    );
    expect(webhook.body.result?.credentials.secret).toMatch(/^whsec_/);
    const expys = await t.call<{ credentials: { key: string } }>(
      'dashboard/addIntegration',
      [{ kind: 'expys', name: 'partner-x', environment: 'sandbox' }],
      admin,
    );
    expect(expys.body.result?.credentials.key).toMatch(/^expys_sandbox_/);
    const pos = await t.call<{ credentials: { token: string; key: string } }>(
      'dashboard/addIntegration',
      [{ kind: 'bonifiq', name: 'shop-till' }],
      admin,
    );
    expect(pos.body.result?.credentials.token).toMatch(/^bqt_/);

    const listed = await t.call<{ items: IntegrationView[] }>('dashboard/listIntegrations', [], admin);
    expect(listed.body.result?.items.map((i) => i.name).sort()).toEqual([
      'door-2',
      'gym',
      'partner-x',
      'shop-till',
    ]);
    const text = JSON.stringify(listed.body);
    for (const secret of [
      webhook.body.result?.credentials.secret,
      expys.body.result?.credentials.key,
      pos.body.result?.credentials.key,
    ]) {
      expect(text).not.toContain(secret);
    }

    const again = await t.call('dashboard/addIntegration', [{ kind: 'webhook', name: 'door-2' }], admin);
    expect(again.body.error?.code).toBe('VALIDATION');
    const revoked = await t.call('dashboard/revokeIntegration', [{ name: 'door-2' }], admin);
    expect(revoked.body.result).toEqual({ name: 'door-2', revoked: true });
    const gone = await t.send(
      'gym-visits',
      { type: 'gym.visit', data: {} },
      { source: 'door-2', secret: webhook.body.result?.credentials.secret ?? '' },
    );
    expect(gone.status).toBe(404);
    const twice = await t.call('dashboard/revokeIntegration', [{ name: 'door-2' }], admin);
    expect(twice.body.error?.code).toBe('NOT_FOUND');
  });
});
