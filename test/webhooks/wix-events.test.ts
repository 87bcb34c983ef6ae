import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWixEventSigner, memberCreatedEvent } from '../../src/emulator/events';
import { startWebhookApp, type WebhookTestApp } from './support';

describe('POST /webhooks/wix (Wix events: RS256 JWT bodies)', () => {
  let t: WebhookTestApp;
  beforeEach(async () => {
    t = await startWebhookApp();
  });
  afterEach(() => t.close());

  const signer = () => {
    if (!t.running.wixEvents) throw new Error('the local Wix signs events in emulator mode');
    return t.running.wixEvents;
  };
  const postJwt = (jwt: string) => t.post('/webhooks/wix', jwt, { 'content-type': 'text/plain' });
  const member = (id: string) => ({ id, loginEmail: `${id}@example.com`, contactId: `contact-${id}` });

  it('a member created event enrolls the member; its redelivery changes nothing', async () => {
    t.addSiteMember('hugo');
    const event = memberCreatedEvent(member('hugo'), 'evt-hugo');
    const jwt = await signer().sign(event);
    const res = await postJwt(jwt);
    expect(res).toEqual({
      status: 200,
      body: {
        eventId: 'evt-hugo',
        outcome: 'enrolled',
        duplicate: false,
        details: expect.objectContaining({ memberId: 'hugo', status: 'ACTIVE' }),
      },
    });
    const enrollment = await t.running.deps.store.enrollments.get('hugo');
    expect(enrollment?.poolId).toBeTruthy();
    // Wix resends carry the original event, in a freshly signed token.
    const resent = await postJwt(await signer().sign(event));
    expect(resent.body).toMatchObject({ outcome: 'enrolled', duplicate: true });
    const balance = await t.call<{ active: boolean }>(
      'benefits/getMyTokenBalance',
      [],
      await t.memberToken('hugo'),
    );
    expect(balance.body.result?.active).toBe(true);
  });

  it('a JWT signed with another key, unsigned (alg none), HS256 or garbage answers 401 and enrolls nobody', async () => {
    t.addSiteMember('iris');
    const event = memberCreatedEvent(member('iris'));
    const stranger = await createWixEventSigner();
    const body = {
      data: JSON.stringify({ eventType: event.eventType, instanceId: 'i', data: JSON.stringify(event.body) }),
    };
    const hs256 = await new SignJWT(body).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32));
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(body)).toString('base64url')}.`;
    for (const jwt of [await stranger.sign(event), hs256, none, 'not-a-jwt', '']) {
      const res = await postJwt(jwt);
      expect(res.status).toBe(401);
      expect(res.body.error?.code).toBe('UNAUTHENTICATED');
    }
    expect(await t.running.deps.store.enrollments.get('iris')).toBeUndefined();
  });

  it('other Wix events are acknowledged and ignored', async () => {
    const jwt = await signer().sign({ eventType: 'wix.loyalty.v1.account_created', body: { id: 'x' } });
    expect((await postJwt(jwt)).body).toMatchObject({ outcome: 'ignored' });
  });
});
