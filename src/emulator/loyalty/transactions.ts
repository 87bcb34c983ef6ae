import type { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import { runQuery, type WixQuery } from '../query';
import { body, WixApiError } from '../wire';
import { LOYALTY_TRANSACTIONS, type LoyaltyTransaction } from './model';

const P = '/loyalty-transactions/v1/loyalty-transactions';

/** Loyalty transactions (`@wix/loyalty` transactions): read-only; points.ts writes them. */
export function registerTransactionRoutes(app: Hono, ctx: EmulatorContext): void {
  const { store } = ctx;

  // The builder reads this response's paging from `pagingMetadata` (not `metadata`).
  app.post(`${P}/query`, async (c) => {
    const { query } = await body<{ query?: WixQuery }>(c);
    const { items, metadata } = runQuery(store.all<LoyaltyTransaction>(LOYALTY_TRANSACTIONS), query);
    return c.json({ loyaltyTransactions: items, pagingMetadata: metadata });
  });

  app.get(`${P}/:id`, (c) => {
    const id = c.req.param('id');
    const loyaltyTransaction = store.get<LoyaltyTransaction>(LOYALTY_TRANSACTIONS, id);
    if (!loyaltyTransaction) {
      throw new WixApiError(404, 'LOYALTY_TRANSACTION_NOT_FOUND', 'Loyalty transaction not found', {
        loyaltyTransactionId: id,
      });
    }
    return c.json({ loyaltyTransaction });
  });
}
