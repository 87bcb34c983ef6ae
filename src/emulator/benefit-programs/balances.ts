import type { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import type { DocumentWriter } from '../document-store';
import { runQuery } from '../query';
import { body, newId, notFound, requireString, WixApiError } from '../wire';
import { param, queryRoute } from './http';
import { applyChange, availableUnits, recalled, remember } from './ledger';
import {
  type Balance,
  C,
  type Identity,
  idempotencyId,
  identity,
  invalid,
  isRecord,
  optString,
  type Pointer,
  requireBalance,
  requirePool,
  type Transaction,
  toUnits,
} from './shapes';

interface ChangeRequest {
  poolId: string;
  key: string;
  type: 'ADJUST' | 'SET';
  units: number;
  instructingParty: Identity | undefined;
  details: Record<string, unknown>;
}

function transactionDetails(v: unknown): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (!isRecord(v)) throw invalid('transactionDetails', 'must be an object');
  const details: Record<string, unknown> = {};
  if (isRecord(v.item)) details.item = v.item;
  if (v.itemCount !== undefined && v.itemCount !== null) details.itemCount = Number(v.itemCount);
  for (const field of ['effectiveDate', 'reason', 'benefitKey'] as const) {
    const value = optString(v[field], `transactionDetails.${field}`);
    if (value !== undefined) details[field] = value;
  }
  return details;
}

function changeRequest(poolId: string, req: Record<string, unknown>): ChangeRequest {
  const type =
    req.type ?? (isRecord(req.adjustOptions) ? 'ADJUST' : isRecord(req.setOptions) ? 'SET' : undefined);
  if (type !== 'ADJUST' && type !== 'SET') throw invalid('type', 'must be ADJUST or SET');
  const options = type === 'ADJUST' ? req.adjustOptions : req.setOptions;
  const field = type === 'ADJUST' ? 'adjustOptions' : 'setOptions';
  if (!isRecord(options)) throw invalid(field, 'must be given for this type');
  const units = toUnits(options.value, `${field}.value`);
  if (type === 'SET' && units < 0) throw invalid('setOptions.value', 'must not be negative');
  return {
    poolId,
    key: requireString(req.idempotencyKey, 'idempotencyKey'),
    type,
    units,
    instructingParty: identity(req.instructingParty, 'instructingParty'),
    details: transactionDetails(req.transactionDetails),
  };
}

function change(
  tx: DocumentWriter,
  req: ChangeRequest,
  now: Date,
): { balance: Balance; transactionId: string } {
  const pool = requirePool(tx, req.poolId);
  const keyId = idempotencyId('change', req.poolId, req.key);
  const previous = recalled(tx, keyId);
  // A repeated key changes nothing and answers the first change's transaction with the balance as it is now.
  if (previous) return { balance: requireBalance(tx, req.poolId), transactionId: previous };
  if (pool.status !== 'ACTIVE') {
    throw new WixApiError(428, 'POOL_NOT_ACTIVE', 'Pool is not active', {
      poolId: pool.id,
      poolStatus: pool.status,
    });
  }
  const balance = requireBalance(tx, req.poolId);
  const deltaUnits = req.type === 'ADJUST' ? req.units : req.units - availableUnits(balance);
  const result = applyChange(tx, {
    pool,
    balance,
    deltaUnits,
    idempotencyKey: req.key,
    instructingParty: req.instructingParty,
    now,
    details: req.details,
  });
  remember(tx, keyId, result.transaction.id);
  return { balance: result.balance, transactionId: result.transaction.id };
}

function revert(tx: DocumentWriter, transactionId: string, req: Record<string, unknown>, now: Date): string {
  const original = tx.get<Transaction>(C.transactions, transactionId);
  if (!original) throw notFound('Transaction', 'TRANSACTION_NOT_FOUND', { transactionId });
  const prior = tx.get<Pointer>(C.reverts, transactionId);
  if (prior) {
    throw new WixApiError(428, 'CHANGE_ALREADY_REVERTED', 'This change was already reverted', {
      originalTransactionId: transactionId,
      revertedTransactionId: prior.target,
    });
  }
  const amount = toUnits(original.amount, 'amount');
  const wasDebit = original.source === 'AVAILABLE';
  const { details } = original;
  const { transaction } = applyChange(tx, {
    pool: requirePool(tx, original.pool.id),
    balance: requireBalance(tx, original.pool.id),
    deltaUnits: wasDebit ? amount : -amount,
    debit: !wasDebit,
    idempotencyKey: optString(req.idempotencyKey, 'idempotencyKey') || `revert:${newId()}`,
    instructingParty: identity(req.instructingParty, 'instructingParty'),
    relatedTransactionId: original.id,
    now,
    details: {
      ...(details.item ? { item: details.item } : {}),
      ...(details.itemCount !== undefined ? { itemCount: details.itemCount } : {}),
      ...(details.benefitKey !== undefined ? { benefitKey: details.benefitKey } : {}),
      reason: 'Revert',
    },
  });
  tx.put<Pointer>(C.reverts, { id: transactionId, target: transaction.id });
  return transaction.id;
}

export function balanceRoutes(app: Hono, ctx: EmulatorContext): void {
  queryRoute(app, ctx, '/v1/balances/query', C.balances, 'balances');
  app.get('/v1/balances', (c) => {
    const poolIds = c.req.queries('poolIds') ?? [];
    const { items, metadata } = runQuery(ctx.store.all<Balance>(C.balances), {
      filter: poolIds.length > 0 ? { id: { $in: poolIds } } : null,
      cursorPaging: {
        limit: c.req.query('cursorPaging.limit'),
        cursor: c.req.query('cursorPaging.cursor') ?? null,
      },
    });
    return c.json({ balances: items, metadata });
  });
  app.get('/v1/balances/:poolId', (c) => c.json({ balance: requireBalance(ctx.store, param(c, 'poolId')) }));
  app.post('/v1/balances/:poolId/change', async (c) => {
    const req = changeRequest(param(c, 'poolId'), await body(c));
    return c.json(ctx.store.transact((tx) => change(tx, req, ctx.clock.now())));
  });
  app.post('/v1/balances/changes/:transactionId/revert', async (c) => {
    const req = await body(c);
    const transactionId = ctx.store.transact((tx) =>
      revert(tx, param(c, 'transactionId'), req, ctx.clock.now()),
    );
    return c.json({ transactionId });
  });
}
