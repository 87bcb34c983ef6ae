import type { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import { notFound } from '../wire';
import { param, queryRoute } from './http';
import { C, type Transaction } from './shapes';

export function transactionRoutes(app: Hono, ctx: EmulatorContext): void {
  queryRoute(app, ctx, '/v1/transactions/query', C.transactions, 'transactions');
  app.get('/v1/transactions/:transactionId', (c) => {
    const transactionId = param(c, 'transactionId');
    const transaction = ctx.store.get<Transaction>(C.transactions, transactionId);
    if (!transaction) throw notFound('Transaction', 'TRANSACTION_NOT_FOUND', { transactionId });
    return c.json({ transaction });
  });
}
