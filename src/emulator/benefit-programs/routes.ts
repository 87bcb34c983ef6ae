import { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import { balanceRoutes } from './balances';
import { definitionRoutes } from './definitions';
import { eligibilityRoutes } from './eligibility';
import { itemRoutes } from './items';
import { poolRoutes } from './pools';
import { programRoutes } from './programs';
import { transactionRoutes } from './transactions';

/**
 * The local Wix Benefit Programs. The SDK sends definitions to `/_api/benefit-programs/...` and everything
 * else to `/benefit-programs/...`; both prefixes serve every endpoint.
 */
export function benefitProgramsRoutes(ctx: EmulatorContext): Hono {
  const v1 = new Hono();
  definitionRoutes(v1, ctx);
  itemRoutes(v1, ctx);
  programRoutes(v1, ctx);
  eligibilityRoutes(v1, ctx);
  poolRoutes(v1, ctx);
  balanceRoutes(v1, ctx);
  transactionRoutes(v1, ctx);
  const app = new Hono();
  app.route('/benefit-programs', v1);
  app.route('/_api/benefit-programs', v1);
  return app;
}
