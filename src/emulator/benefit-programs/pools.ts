import type { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import type { DocumentWriter } from '../document-store';
import { body, notFound, requireString, WixApiError } from '../wire';
import { eligibilityError, evaluate, type Scope, type Selector, scopeOf, selector } from './eligibility';
import { param, queryRoute } from './http';
import { applyChange, recalled, remember } from './ledger';
import { C, idempotencyId, invalid, type Pool, requireBalance } from './shapes';

function redeem(tx: DocumentWriter, sel: Selector, scope: Scope, key: string, now: Date): string {
  const keyId = idempotencyId('redeem', sel.poolId, key);
  // A repeated key is refused whatever the pool's state now, so a retry never redeems twice.
  if (recalled(tx, keyId)) {
    throw new WixApiError(409, 'BENEFIT_ALREADY_REDEEMED', 'This idempotency key was already redeemed', {
      poolId: sel.poolId,
      idempotencyKey: key,
    });
  }
  // With a benefit key there is exactly one result.
  const [first] = evaluate(tx, sel, scope);
  if (!first?.pool || !first.benefit || first.result.type !== 'ELIGIBLE_BENEFIT') {
    throw eligibilityError(first?.result ?? { type: 'BENEFIT_NOT_FOUND' });
  }
  const { benefit, item } = first;
  const { transaction } = applyChange(tx, {
    pool: first.pool,
    balance: requireBalance(tx, sel.poolId),
    deltaUnits: -(first.costUnits ?? 0),
    debit: true,
    idempotencyKey: key,
    now,
    details: {
      item: item && {
        id: item.id,
        externalId: item.externalId,
        category: item.category,
        itemSetId: item.itemSetId,
        displayName: item.displayName,
        providerAppId: item.providerAppId,
      },
      itemCount: sel.count,
      benefitKey: benefit.benefitKey,
      reason: 'Redemption',
    },
  });
  remember(tx, keyId, transaction.id);
  return transaction.id;
}

export function poolRoutes(app: Hono, ctx: EmulatorContext): void {
  queryRoute(app, ctx, '/v1/pools/query', C.pools, 'pools');
  app.get('/v1/pools/:poolId', (c) => {
    const pool = ctx.store.get<Pool>(C.pools, param(c, 'poolId'));
    if (!pool) throw notFound('Pool', 'POOL_NOT_FOUND', { poolId: param(c, 'poolId') });
    return c.json({ pool });
  });
  app.post('/v1/benefits/redeem', async (c) => {
    const req = await body(c);
    const sel = selector(req);
    if (typeof req.benefitKey !== 'string') throw invalid('benefitKey', 'must be a string');
    if (!sel.itemReference) throw invalid('itemReference', 'must not be empty');
    const key = requireString(req.idempotencyKey, 'idempotencyKey');
    const scope = scopeOf(req);
    const transactionId = ctx.store.transact((tx) => redeem(tx, sel, scope, key, ctx.clock.now()));
    return c.json({ transactionId });
  });
}
