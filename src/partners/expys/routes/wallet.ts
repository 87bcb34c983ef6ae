import { createRoute, z } from '@hono/zod-openapi';
import { actorOf, memberOf, serverCaller, userOf } from '../context';
import { walletCreditedEvent } from '../events';
import { CreditWalletSchema, cursor, ExternalUserID, IdempotencyHeaders, limit } from '../schemas/requests';
import {
  CreditWalletResponseSchema,
  EligibilitySchema,
  TransactionListSchema,
  WalletSchema,
} from '../schemas/responses';
import { creditWallet } from '../use-cases/credit-wallet';
import { getWallet } from '../use-cases/get-wallet';
import { listWalletTransactions } from '../use-cases/wallet-ledger';
import { toCurrency, toTransaction, toWallet } from '../wire';
import {
  body,
  commonErrors,
  conflict,
  type ExpysApp,
  idempotencyKeyOf,
  json,
  markReplay,
  notFound,
  security,
} from './common';

const forUser = z.object({ externalUserID: ExternalUserID.optional() });

const wallet = createRoute({
  method: 'get',
  path: '/v1/wallet',
  tags: ['Wallet'],
  summary: 'The member’s wallet',
  description: 'Member mode (an org key names the member with `externalUserID`).',
  security,
  request: { query: forUser },
  responses: { 200: json(WalletSchema, 'The wallet'), ...notFound, ...commonErrors },
});

const transactions = createRoute({
  method: 'get',
  path: '/v1/wallet/transactions',
  tags: ['Wallet'],
  summary: 'The member’s ledger, newest first',
  description:
    'Credits and debits as Wix recorded them; a redemption’s debit and its refund carry its `redemptionID`.',
  security,
  request: { query: forUser.extend({ limit, cursor }) },
  responses: { 200: json(TransactionListSchema, 'A page of transactions'), ...notFound, ...commonErrors },
});

const credit = createRoute({
  method: 'post',
  path: '/v1/wallet/credit',
  tags: ['Wallet'],
  summary: 'Credit points to a member',
  description: 'Server mode; a member token gets 403. Idempotent with an Idempotency-Key.',
  security,
  request: { headers: IdempotencyHeaders, body: body(CreditWalletSchema) },
  responses: {
    200: json(CreditWalletResponseSchema, 'The new balance'),
    ...notFound,
    ...conflict,
    ...commonErrors,
  },
});

const eligibility = createRoute({
  method: 'get',
  path: '/v1/eligibility',
  tags: ['Wallet'],
  summary: 'The member’s tier and budget',
  security,
  request: { query: forUser },
  responses: { 200: json(EligibilitySchema, 'Tier and wallet'), ...notFound, ...commonErrors },
});

export function walletRoutes(app: ExpysApp): void {
  app.openapi(wallet, async (c) => {
    const memberId = await memberOf(c, userOf(c, c.req.valid('query').externalUserID));
    const { currency } = c.get('caller').integration;
    return c.json(toWallet(await getWallet(c.get('deps'), memberId, currency), c.get('usd')), 200);
  });

  app.openapi(transactions, async (c) => {
    const query = c.req.valid('query');
    const { integration } = c.get('caller');
    const memberId = await memberOf(c, userOf(c, query.externalUserID));
    const page = await listWalletTransactions(c.get('deps'), {
      memberId,
      currency: integration.currency,
      channel: integration.name,
      limit: query.limit,
      cursor: query.cursor ?? null,
    });
    return c.json({ transactions: page.items.map(toTransaction), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(credit, async (c) => {
    const caller = serverCaller(c);
    const input = c.req.valid('json');
    const deps = c.get('deps');
    const { integration } = caller;
    const { value, replayed } = await creditWallet(deps, {
      memberId: await memberOf(c, input.externalUserID),
      currency: integration.currency,
      amount: input.amount,
      reason: input.reason ?? null,
      idempotencyKey: idempotencyKeyOf(c),
      channel: integration.name,
      actor: actorOf(caller),
      // Queued in the transaction that completes the key: announced exactly once, never lost.
      announce: async (tx, done) => {
        const event = walletCreditedEvent(
          done,
          input.externalUserID,
          integration.environment,
          deps.clock.now().toISOString(),
        );
        await tx.outbox.enqueue(integration.name, event, deps.clock.now());
        await tx.partnerCredits.record({
          integration: integration.name,
          transactionId: done.transactionId,
          memberId: done.memberId,
          amount: done.amount,
          createdAt: deps.clock.now().toISOString(),
        });
      },
    });
    markReplay(c, replayed);
    return c.json({ balance: value.balance, currency: toCurrency(value.currency, c.get('usd')) }, 200);
  });

  app.openapi(eligibility, async (c) => {
    const { integration } = c.get('caller');
    const user = userOf(c, c.req.valid('query').externalUserID);
    const deps = c.get('deps');
    const memberId = await memberOf(c, user);
    const [profile, balance] = await Promise.all([
      deps.store.partnerProfiles.get(integration.name, user),
      getWallet(deps, memberId, integration.currency),
    ]);
    return c.json(
      { ...(profile?.tier ? { tier: profile.tier } : {}), wallet: toWallet(balance, c.get('usd')) },
      200,
    );
  });
}
