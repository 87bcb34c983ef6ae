import { accounts } from '@wix/loyalty';
import { createClient } from '@wix/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSiteMember } from '../../src/emulator/members/routes';
import { type LocalWix, memberSession, startLocalWix, wixErrorCode } from '../support/local-wix';

let local: LocalWix;
beforeEach(() => {
  local = startLocalWix();
});
afterEach(() => local.close());

const APP = 'app-1';

async function failure(p: Promise<unknown>): Promise<{ code: unknown; status: unknown; fields: unknown }> {
  try {
    await p;
  } catch (err) {
    const e = err as {
      status?: unknown;
      details?: { validationError?: { fieldViolations?: { field: string }[] } };
    };
    const fields = e.details?.validationError?.fieldViolations?.map((v) => v.field);
    return { code: wixErrorCode(err), status: e.status, fields };
  }
  throw new Error('expected the call to fail');
}

/** A signed-up member with a loyalty account. */
async function memberAccount(id = 'm1') {
  const { contact } = addSiteMember(local.emulator, { id, email: `${id}@example.com` });
  const { account } = await local.sdk.accounts.createAccount(contact.id);
  return { contactId: contact.id, accountId: account?._id ?? '' };
}

const balanceOf = async (accountId: string) =>
  (await local.sdk.accounts.getAccount(accountId)).points?.balance;

describe('loyalty accounts', () => {
  it('opens one account per existing contact, filling memberId from the contact', async () => {
    const { contact } = addSiteMember(local.emulator, { id: 'm1', email: 'm1@example.com' });
    const { account } = await local.sdk.accounts.createAccount(contact.id);
    expect(account).toMatchObject({ contactId: contact.id, memberId: 'm1', revision: '1' });
    expect(account?.points).toEqual({ balance: 0, earned: 0, adjusted: 0, redeemed: 0, expired: 0 });
    expect(account?._createdDate).toBeInstanceOf(Date);

    expect((await failure(local.sdk.accounts.createAccount(contact.id))).code).toBe('ACCOUNT_ALREADY_EXISTS');
    expect(await failure(local.sdk.accounts.createAccount('no-such-contact'))).toMatchObject({
      code: 'CONTACT_NOT_FOUND',
      status: 404,
    });

    const byMember = await local.sdk.accounts.getAccountBySecondaryId({ memberId: 'm1' });
    expect(byMember.account?._id).toBe(account?._id);
    const byContact = await local.sdk.accounts.getAccountBySecondaryId({ contactId: contact.id });
    expect(byContact.account?._id).toBe(account?._id);
    expect((await failure(local.sdk.accounts.getAccountBySecondaryId({ memberId: 'nobody' }))).code).toBe(
      'ACCOUNT_NOT_FOUND',
    );
    expect((await failure(local.sdk.accounts.getAccount('nope'))).code).toBe('ACCOUNT_NOT_FOUND');
  });

  it('learns the memberId when the contact signs up after the account was opened', async () => {
    const res = await local.sdk.fetchWithAuth('https://www.wixapis.com/contacts/v4/contacts', {
      method: 'POST',
      body: JSON.stringify({ info: { emails: { items: [{ email: 'late@example.com' }] } } }),
    });
    const { contact } = (await res.json()) as { contact: { id: string } };
    const { account } = await local.sdk.accounts.createAccount(contact.id);
    expect(account?.memberId ?? null).toBeNull();
    addSiteMember(local.emulator, { id: 'late', email: 'late@example.com' });
    const found = await local.sdk.accounts.getAccountBySecondaryId({ memberId: 'late' });
    expect(found.account?._id).toBe(account?._id);
  });

  it('earns once per idempotencyKey and returns the original transactionId', async () => {
    const { accountId } = await memberAccount();
    const first = await local.sdk.accounts.earnPoints(accountId, {
      amount: 10,
      appId: APP,
      idempotencyKey: 'k1',
    });
    const again = await local.sdk.accounts.earnPoints(accountId, {
      amount: 10,
      appId: APP,
      idempotencyKey: 'k1',
    });
    expect(again.transactionId).toBe(first.transactionId);
    expect(again.account?.points?.balance).toBe(10);
    const other = await local.sdk.accounts.earnPoints(accountId, {
      amount: 5,
      appId: APP,
      idempotencyKey: 'k2',
    });
    expect(other.account?.points).toMatchObject({ balance: 15, earned: 15 });
    expect(other.account?.revision).toBe('3');

    const earns = await local.sdk.loyaltyTransactions
      .queryLoyaltyTransactions()
      .eq('accountId', accountId)
      .eq('transactionType', 'EARN')
      .find();
    expect(earns.items.map((t) => [t.amount, t.idempotencyKey])).toEqual([
      [10, 'k1'],
      [5, 'k2'],
    ]);
    expect(earns.items[0]?.earnInfo?.appId).toBe(APP);

    const zero = await failure(
      local.sdk.accounts.earnPoints(accountId, { amount: 0, appId: APP, idempotencyKey: 'k3' }),
    );
    expect(zero.fields).toEqual(['options.amount']);
    // The typing requires idempotencyKey; leave it out on purpose.
    const withoutKey = { amount: 1, appId: APP } as { amount: number; appId: string; idempotencyKey: string };
    const noKey = await failure(local.sdk.accounts.earnPoints(accountId, withoutKey));
    expect(noKey.status).toBe(400);
    expect(await balanceOf(accountId)).toBe(15);
  });

  it('adjusts by amount or to a balance, never below zero, honouring revision', async () => {
    const { accountId } = await memberAccount();
    await local.sdk.accounts.earnPoints(accountId, { amount: 20, appId: APP, idempotencyKey: 'e' });
    const down = await local.sdk.accounts.adjustPoints(accountId, { amount: -5, description: 'fix' });
    expect(down.account?.points).toMatchObject({ balance: 15, adjusted: -5 });

    const set = await local.sdk.accounts.adjustPoints(accountId, { balance: 50, amount: -1000 });
    expect(set.account?.points).toMatchObject({ balance: 50, adjusted: 30 });

    const tooMuch = await failure(local.sdk.accounts.adjustPoints(accountId, { amount: -51 }));
    expect(tooMuch).toMatchObject({ code: 'NOT_ENOUGH_POINTS', status: 428 });
    expect((await failure(local.sdk.accounts.adjustPoints(accountId, { balance: -1 }))).status).toBe(400);

    const stale = await failure(local.sdk.accounts.adjustPoints(accountId, { amount: 1, revision: '1' }));
    expect(stale).toMatchObject({ code: 'REVISION_MISMATCH', status: 409 });
    const current = await local.sdk.accounts.getAccount(accountId);
    expect(current.points?.balance).toBe(50);
    const ok = await local.sdk.accounts.adjustPoints(accountId, {
      amount: 1,
      revision: current.revision ?? '',
    });
    expect(ok.account?.points?.balance).toBe(51);

    const adjusts = await local.sdk.loyaltyTransactions
      .queryLoyaltyTransactions()
      .eq('accountId', accountId)
      .eq('transactionType', 'ADJUST')
      .find();
    expect(adjusts.items.map((t) => t.amount)).toEqual([-5, 35, 1]);
    expect(adjusts.items[1]?.adjustInfo).toEqual({ amountBefore: 15, amountAfter: 50 });
  });

  it("gets the current member's account from the member's access token", async () => {
    const { accountId } = await memberAccount('m7');
    const asMember = async (memberId: string) =>
      createClient({ modules: { accounts }, ...(await memberSession(local, memberId)) });
    const mine = await (await asMember('m7')).accounts.getCurrentMemberAccount();
    expect(mine.account?._id).toBe(accountId);
    addSiteMember(local.emulator, { id: 'stranger', email: 'stranger@example.com' });
    const stranger = await asMember('stranger');
    expect((await failure(stranger.accounts.getCurrentMemberAccount())).code).toBe('ACCOUNT_NOT_FOUND');
    expect(await failure(local.sdk.accounts.getCurrentMemberAccount())).toMatchObject({
      code: 'MEMBER_IDENTITY_REQUIRED',
      status: 403,
    });
  });

  it('queries accounts with pagingMetadata cursors', async () => {
    const ids = [];
    for (const m of ['a', 'b', 'c']) ids.push((await memberAccount(m)).accountId);
    await local.sdk.accounts.earnPoints(ids[1] ?? '', { amount: 7, appId: APP, idempotencyKey: 'x' });
    const page1 = await local.sdk.accounts.queryLoyaltyAccounts().limit(2).find();
    expect(page1.items.map((a) => a._id)).toEqual(ids.slice(0, 2));
    expect(page1.hasNext()).toBe(true);
    const page2 = await page1.next();
    expect(page2.items.map((a) => a._id)).toEqual(ids.slice(2));
    expect(page2.hasNext()).toBe(false);
    const rich = await local.sdk.accounts.queryLoyaltyAccounts().ge('points.balance', 5).find();
    expect(rich.items.map((a) => a._id)).toEqual([ids[1]]);
  });
});
