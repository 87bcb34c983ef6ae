import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIVE_OFF, type PosTestApp, startPosApp } from './support';

// BonifiQ's customer challenge (partner-apis.md §2.6): when the integration's ShouldValidateCustomer is on,
// a one-time code proves the customer is at the counter before their points are spent.

describe('BonifiQ customer challenge at /bonifiq/v1/pvt/POS/customers/{id}/challenge', () => {
  let t: PosTestApp;
  let ana: { email: string; document: string };
  let fiveOff: number;
  beforeEach(async () => {
    t = await startPosApp();
    ana = await t.customer('ana', 500);
    fiveOff = await t.rewardNumber(ana.email, FIVE_OFF);
  });
  afterEach(() => t.close());

  /** The code the local sender delivered (what the customer reads on their phone). */
  const codeSent = async () => (await t.running.deps.store.challenges.latestLocalCode('loja'))?.code ?? '';
  const requireValidation = () =>
    t.running.deps.store.challenges.setShouldValidate('loja', true, t.clock.now());

  it('off by default: no challenge needed; on: redeem refused until the customer types the code', async () => {
    expect((await t.pos.available(ana.email, 100)).body.ShouldValidateCustomer).toBe(false);
    expect((await t.pos.redeem(fiveOff, { CustomerId: ana.email, OriginalKey: 'k0' })).body.Code).toBe('00');

    await requireValidation();
    expect((await t.pos.available(ana.document, 100)).body.ShouldValidateCustomer).toBe(true);
    const refused = await t.pos.redeem(fiveOff, { CustomerId: ana.document, OriginalKey: 'k1' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ HasError: true, Code: '11', CodeName: 'CustomerNotValidated' });
    expect(await t.pointsOf('ana')).toBe(450);

    const sent = await t.pos.challenge(ana.document, { TransactionId: 'sale-1' });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ Success: true, SentByEmail: true, TransactionId: 'sale-1' });
    expect(sent.body).not.toHaveProperty('Code'); // the code goes to the customer, never to the PoS
    const code = await codeSent();
    expect(code).toMatch(/^\d{6}$/);

    const wrong = await t.pos.challengeValidate(ana.document, {
      TransactionId: 'sale-1',
      Code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.body).toMatchObject({ Success: false, FriendlyErrorMessage: 'Wrong code' });
    const right = await t.pos.challengeValidate(ana.document, { TransactionId: 'sale-1', Code: code });
    expect(right.body).toEqual({ TransactionId: 'sale-1', Success: true, FriendlyErrorMessage: null });

    const redeemed = await t.pos.redeem(fiveOff, { CustomerId: ana.document, OriginalKey: 'k1' });
    expect(redeemed.body.Code).toBe('00');
    expect(await t.pointsOf('ana')).toBe(400);

    // The validation lasts 30 minutes.
    t.clock.advance(31 * 60_000);
    const stale = await t.pos.redeem(fiveOff, { CustomerId: ana.document, OriginalKey: 'k2' });
    expect(stale.body.Code).toBe('11');
  });

  it('a code expires, allows five tries, and is replaced by asking again; another sale needs its own', async () => {
    await requireValidation();
    await t.pos.challenge(ana.email, { TransactionId: 'sale-2' });
    const first = await codeSent();
    t.clock.advance(11 * 60_000);
    const expired = await t.pos.challengeValidate(ana.email, { TransactionId: 'sale-2', Code: first });
    expect(expired.body).toMatchObject({
      Success: false,
      FriendlyErrorMessage: expect.stringContaining('expired'),
    });

    await t.pos.challenge(ana.email, { TransactionId: 'sale-2' });
    const second = await codeSent();
    const wrong = second === '999999' ? '888888' : '999999';
    const tries = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.pos.challengeValidate(ana.email, { TransactionId: 'sale-2', Code: wrong }),
      ),
    );
    expect(tries.every((r) => r.body.Success === false)).toBe(true);
    // Five tries used up: even the right code is refused now.
    const late = await t.pos.challengeValidate(ana.email, { TransactionId: 'sale-2', Code: second });
    expect(late.body).toMatchObject({
      Success: false,
      FriendlyErrorMessage: expect.stringContaining('Too many'),
    });
    expect((await t.pos.redeem(fiveOff, { CustomerId: ana.email, OriginalKey: 'k3' })).body.Code).toBe('11');

    const none = await t.pos.challengeValidate(ana.email, { TransactionId: 'sale-3', Code: second });
    expect(none.body).toMatchObject({ Success: false });
    const unknown = await t.pos.challenge('nobody@example.com', { TransactionId: 'x' });
    expect(unknown.status).toBe(404);
    expect(await t.pointsOf('ana')).toBe(500);
  });
});
