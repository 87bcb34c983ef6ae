import type { Context } from 'hono';
import type { Integration } from '../../core/ports/integrations';
import type { RequestIdVariables } from '../../http/request-id';
import type { PosDeps } from './use-cases/counter-orders';
import type { ChallengeDeps } from './use-cases/customer-challenge';

export type BonifiqDeps = PosDeps & ChallengeDeps;

export type BonifiqEnv = {
  Variables: RequestIdVariables & {
    /** The point of sale calling (its token:key checked). */
    integration: Integration;
    /** What the routes' use cases run on. */
    deps: BonifiqDeps;
  };
};

export type BonifiqContext = Context<BonifiqEnv>;
