import { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import { registerAccountRoutes } from './accounts';
import { registerCouponRoutes } from './coupons';
import { registerRewardRoutes } from './rewards';
import { registerTransactionRoutes } from './transactions';

/**
 * Wix Loyalty on the paths `@wix/loyalty` calls (accounts, rewards, coupons, transactions). Every call that
 * writes does all its reads and writes in one `store.transact`, so concurrent redemptions never interleave.
 */
export function loyaltyRoutes(ctx: EmulatorContext): Hono {
  const api = new Hono();
  registerAccountRoutes(api, ctx);
  registerRewardRoutes(api, ctx);
  registerCouponRoutes(api, ctx);
  registerTransactionRoutes(api, ctx);
  const app = new Hono();
  app.route('/', api);
  // Other SDK host mappings (and `host.apiBaseUrl`) put `/_api` in front; answer both.
  app.route('/_api', api);
  return app;
}
