import type { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import { requireCurrentMember } from '../members/identity';
import { CONTACTS, type Contact } from '../members/model';
import { runQuery, type WixQuery } from '../query';
import { body, newId, requireString, WixApiError, WixValidationError } from '../wire';
import { LOYALTY_ACCOUNTS, LOYALTY_EARN_KEYS, type LoyaltyAccount } from './model';
import { applyPoints, getAccountTx, pointsInt, presentAccount } from './points';

type EarnBody = {
  amount?: unknown;
  appId?: unknown;
  idempotencyKey?: unknown;
  description?: string;
  activityType?: string;
  orderId?: string;
};
type AdjustBody = { amount?: unknown; balance?: unknown; revision?: unknown; description?: string };
type EarnKey = { id: string; transactionId: string };

const P = '/loyalty-accounts/v1/accounts';

const accountNotFound = (data: Record<string, unknown>) =>
  new WixApiError(404, 'ACCOUNT_NOT_FOUND', 'Loyalty account not found', data);

/** Loyalty accounts (`@wix/loyalty` accounts). Static paths are registered before `/:id`. */
export function registerAccountRoutes(app: Hono, ctx: EmulatorContext): void {
  const { store } = ctx;
  const now = () => ctx.clock.now().toISOString();
  const findBy = (pred: (a: LoyaltyAccount) => boolean) =>
    store.all<LoyaltyAccount>(LOYALTY_ACCOUNTS).find(pred);

  app.post(P, async (c) => {
    const contactId = requireString((await body<{ contactId?: unknown }>(c)).contactId, 'contactId');
    const at = now();
    const account = store.transact((tx) => {
      const contact = tx.get<Contact>(CONTACTS, contactId);
      if (!contact) throw new WixApiError(404, 'CONTACT_NOT_FOUND', 'Contact not found', { contactId });
      const existing = tx.all<LoyaltyAccount>(LOYALTY_ACCOUNTS).find((a) => a.contactId === contactId);
      if (existing) {
        throw new WixApiError(409, 'ACCOUNT_ALREADY_EXISTS', 'The contact already has a loyalty account', {
          contactId,
          accountId: existing.id,
        });
      }
      const created: LoyaltyAccount = {
        id: newId(),
        contactId,
        memberId: contact.memberInfo?.memberId ?? null,
        points: { balance: 0, earned: 0, adjusted: 0, redeemed: 0, expired: 0 },
        rewardAvailable: false,
        createdDate: at,
        updatedDate: at,
        lastActivityDate: at,
        revision: '1',
        tier: { id: null, updatedDate: at, points: 0 },
      };
      return tx.put(LOYALTY_ACCOUNTS, presentAccount(tx, created));
    });
    return c.json({ account });
  });

  // getCurrentMemberAccount: the member is the subject of the member token (members/identity.ts).
  app.get(`${P}/my-account`, (c) => {
    const memberId = requireCurrentMember(c);
    const account = findBy((a) => a.memberId === memberId);
    if (!account) throw accountNotFound({ memberId });
    return c.json({ account: presentAccount(store, account) });
  });

  app.get(`${P}/fetch-by`, (c) => {
    const contactId = c.req.query('contactId');
    const memberId = c.req.query('memberId');
    if (!contactId && !memberId) {
      throw new WixValidationError([
        { field: 'contactId', description: 'contactId or memberId is required' },
      ]);
    }
    const account = findBy((a) => (contactId ? a.contactId === contactId : a.memberId === memberId));
    if (!account) throw accountNotFound(contactId ? { contactId } : { memberId });
    return c.json({ account: presentAccount(store, account) });
  });

  // The builder reads this response's paging from `pagingMetadata` (not `metadata`).
  app.post(`${P}/query`, async (c) => {
    const { query } = await body<{ query?: WixQuery }>(c);
    const all = store.all<LoyaltyAccount>(LOYALTY_ACCOUNTS).map((a) => presentAccount(store, a));
    const { items, metadata } = runQuery(all, query);
    return c.json({ loyaltyAccounts: items, pagingMetadata: metadata });
  });

  // A repeated idempotencyKey (per account) earns nothing and answers with the original transactionId.
  app.post(`${P}/:accountId/earn-points`, async (c) => {
    const accountId = c.req.param('accountId');
    const req = await body<EarnBody>(c);
    const amount = pointsInt(req.amount, 'amount', { min: 1 });
    const appId = requireString(req.appId, 'appId');
    const idempotencyKey = requireString(req.idempotencyKey, 'idempotencyKey');
    const at = now();
    const result = store.transact((tx) => {
      const account = getAccountTx(tx, accountId);
      const keyId = `${accountId}:${idempotencyKey}`;
      const seen = tx.get<EarnKey>(LOYALTY_EARN_KEYS, keyId);
      if (seen) return { account: presentAccount(tx, account), transactionId: seen.transactionId };
      const earnInfo = {
        appId,
        ...(req.activityType ? { activityType: req.activityType } : {}),
        ...(req.orderId ? { orderId: req.orderId } : {}),
      };
      const done = applyPoints(
        tx,
        account,
        { type: 'EARN', delta: amount, description: req.description, idempotencyKey, info: { earnInfo } },
        at,
      );
      tx.put<EarnKey>(LOYALTY_EARN_KEYS, { id: keyId, transactionId: done.transaction.id });
      return { account: done.account, transactionId: done.transaction.id };
    });
    return c.json(result);
  });

  // `balance` (absolute) wins over `amount` (delta); both write an ADJUST transaction with the signed change.
  app.post(`${P}/:accountId/adjust-points`, async (c) => {
    const accountId = c.req.param('accountId');
    const req = await body<AdjustBody>(c);
    const hasBalance = req.balance !== undefined && req.balance !== null;
    const target = hasBalance ? pointsInt(req.balance, 'balance', { min: 0 }) : undefined;
    const amount = hasBalance ? undefined : pointsInt(req.amount, 'amount');
    const revision = req.revision === undefined || req.revision === null ? undefined : String(req.revision);
    const at = now();
    const result = store.transact((tx) => {
      const account = getAccountTx(tx, accountId);
      if (revision !== undefined && revision !== account.revision) {
        throw new WixApiError(409, 'REVISION_MISMATCH', 'The account was changed since that revision', {
          accountId,
          revision: account.revision,
          requestedRevision: revision,
        });
      }
      const before = account.points.balance;
      const delta = target !== undefined ? target - before : (amount ?? 0);
      const adjustInfo = { amountBefore: before, amountAfter: before + delta };
      const done = applyPoints(
        tx,
        account,
        { type: 'ADJUST', delta, description: req.description, info: { adjustInfo } },
        at,
      );
      return { account: done.account, transactionId: done.transaction.id };
    });
    return c.json(result);
  });

  app.get(`${P}/:id`, (c) =>
    c.json({ account: presentAccount(store, getAccountTx(store, c.req.param('id'))) }),
  );
}
