import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWebhookSource } from '../../src/core/integrations/webhook-sources';
import { signWebhook } from '../../webhooks/sign';
import type { ExpysClient } from './client';
import { type ExpysTestApp, startExpysApp } from './support';

describe('Expys members: link external users to site members', () => {
  let app: ExpysTestApp;
  let server: ExpysClient;

  beforeAll(async () => {
    app = await startExpysApp();
    server = app.client(await app.integration('acme'));
  });
  afterAll(() => app.close());

  it('PUT links by wixMemberId or email, enrolls, and is idempotent; GET summarizes', async () => {
    app.addSiteMember('m-pat', 'pat@example.com');
    app.addSiteMember('m-quinn', 'quinn@example.com');
    const byId = await server.setMember('pat', {
      displayName: 'Pat',
      tier: 'gold',
      attributes: { wixMemberId: 'm-pat' },
    });
    expect(byId.status).toBe(200);
    expect(byId.data).toMatchObject({
      externalUserID: 'pat',
      displayName: 'Pat',
      tier: 'gold',
      attributes: { wixMemberId: 'm-pat' },
      wallet: { balance: 0, currency: { name: 'Points' } },
      redemptionCounts: { SUBMITTED: 0, CANCELED: 0, COMPLETED: 0 },
    });
    expect(
      (
        await server.setMember('pat', {
          displayName: 'Pat',
          tier: 'gold',
          attributes: { wixMemberId: 'm-pat' },
        })
      ).data,
    ).toEqual(byId.data);
    const byEmail = await server.setMember('quinn', { attributes: { email: 'QUINN@example.com' } });
    expect(byEmail.status).toBe(200);
    expect(await app.running.deps.store.members.resolveLink('acme', 'quinn')).toBe('m-quinn');
    // Enrolled: the member has a program and a loyalty account now.
    expect(await app.running.deps.store.enrollments.get('m-quinn')).toMatchObject({ status: 'ACTIVE' });

    // Updating keeps the link; only what is sent changes.
    const updated = await server.setMember('pat', { tier: 'platinum' });
    expect(updated.data).toMatchObject({ displayName: 'Pat', tier: 'platinum' });
    expect((await server.getMember('pat')).data).toMatchObject({ tier: 'platinum' });

    const eligibility = await server.eligibility({ externalUserID: 'pat' });
    expect(eligibility.data).toMatchObject({ tier: 'platinum', wallet: { balance: 0 } });
  });

  it('a first PUT must name the site member; unknown ones are 404', async () => {
    const unnamed = await server.setMember('nobody', { displayName: 'Nobody' });
    expect(unnamed.status).toBe(422);
    expect(unnamed.error?.details).toMatchObject({ field: 'attributes' });
    expect((await server.setMember('ghost', { attributes: { wixMemberId: 'm-ghost' } })).status).toBe(404);
    expect((await server.setMember('ghost', { attributes: { email: 'ghost@example.com' } })).status).toBe(
      404,
    );
    expect((await server.getMember('ghost')).status).toBe(404);
  });

  it('DELETE unlinks: the member token then gets a clear error; the site member keeps their points', async () => {
    app.addSiteMember('m-rae', 'rae@example.com');
    await server.setMember('rae', { attributes: { wixMemberId: 'm-rae' } });
    await server.creditWallet({ externalUserID: 'rae', amount: 40 }, 'rae-credit');
    const rae = server.withToken((await server.exchange({ externalUserID: 'rae' })).data.accessToken);
    expect((await rae.wallet()).data.balance).toBe(40);
    expect((await server.removeMember('rae')).data).toEqual({
      archived: true,
      balanceRetained: true,
      externalUserID: 'rae',
    });
    const after = await rae.wallet();
    expect(after.status).toBe(404);
    expect(after.error?.message).toMatch(/not linked/);
    expect((await server.removeMember('rae')).status).toBe(404);
    await server.setMember('rae', { attributes: { wixMemberId: 'm-rae' } });
    expect((await rae.wallet()).data.balance).toBe(40);
  });

  it('members joining through a webhook with externalIds.<integration> are linked automatically', async () => {
    const { secret } = await addWebhookSource(app.running.deps, { name: 'crm' });
    app.addSiteMember('m-sky', 'sky@example.com');
    const payload = {
      type: 'member.joined',
      timestamp: app.clock.now().toISOString(),
      data: { memberId: 'm-sky', externalIds: { acme: 'sky-42' } },
    };
    const signed = signWebhook(secret, `msg_${randomUUID()}`, payload, app.clock.now());
    const res = await app.running.app.request('/webhooks/crm/members', {
      method: 'POST',
      body: signed.body,
      headers: signed.headers,
    });
    expect(res.status).toBe(200);
    const sky = server.withToken((await server.exchange({ externalUserID: 'sky-42' })).data.accessToken);
    const wallet = await sky.wallet();
    expect(wallet.status).toBe(200);
    expect(wallet.data.balance).toBe(0);
    expect((await server.getMember('sky-42')).status).toBe(200);
  });
});
