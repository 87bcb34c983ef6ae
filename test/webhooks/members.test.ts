import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { joined, startWebhookApp, type WebhookTestApp } from './support';

describe('POST /webhooks/<source>/members', () => {
  let t: WebhookTestApp;
  beforeEach(async () => {
    t = await startWebhookApp();
  });
  afterEach(() => t.close());

  it('records the member (contact, email, document, partner ids) and provisions their program once', async () => {
    t.addSiteMember('joao');
    const payload = joined('joao', t.clock.now(), {
      email: 'Joao.Gym@example.com',
      document: '529.982.247-25',
      externalIds: { gym: 'G-1', shop: 'S-9' },
      joinedAt: t.clock.now().toISOString(),
    });
    const res = await t.send('members', payload, { id: 'join-1' });
    expect(res.body).toMatchObject({ outcome: 'enrolled', duplicate: false, details: { memberId: 'joao' } });
    const { members, enrollments } = t.running.deps.store;
    expect(await members.get('joao')).toMatchObject({
      email: 'joao.gym@example.com',
      document: '52998224725',
    });
    expect(await members.resolveLink('gym', 'G-1')).toBe('joao');
    expect(await members.resolveLink('shop', 'S-9')).toBe('joao');
    const programId = (await enrollments.get('joao'))?.programId;
    // Their loyalty account is opened too (enrollMember does it).
    const account = await t.running.deps.loyalty.getAccountByMember('joao');
    expect(account?.id).toBeTruthy();
    expect(res.body.details?.loyaltyAccountId).toBe(account?.id);

    expect((await t.send('members', payload, { id: 'join-1' })).body.duplicate).toBe(true);
    // Another delivery of the same fact under a new id: the existing program is a success.
    const second = await t.send('members', payload, { id: 'join-2' });
    expect(second.body).toMatchObject({ outcome: 'enrolled', duplicate: false, details: { programId } });
  });

  it('a member Wix does not know yet: 404, not remembered, so the retry after sign-up enrolls them', async () => {
    const payload = joined('kai', t.clock.now());
    expect((await t.send('members', payload, { id: 'join-k' })).status).toBe(404);
    t.addSiteMember('kai');
    expect((await t.send('members', payload, { id: 'join-k' })).body).toMatchObject({ outcome: 'enrolled' });
  });

  it('a bad document or email answers 400', async () => {
    t.addSiteMember('lia');
    for (const extra of [
      { document: '123' },
      { email: 'not-an-email' },
      { externalIds: { 'Bad Name': 'x' } },
    ]) {
      const res = await t.send('members', joined('lia', t.clock.now(), extra));
      expect(res.status).toBe(400);
    }
    expect(await t.running.deps.store.enrollments.get('lia')).toBeUndefined();
  });
});
