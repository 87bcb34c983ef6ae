import type { Context } from 'hono';
import type { Integration } from '../../core/ports/integrations';
import type { PosDeps } from './use-cases/counter-orders';
import type { ChallengeDeps } from './use-cases/customer-challenge';

export type BonifiqDeps = PosDeps & ChallengeDeps;

export type BonifiqEnv = {
  Variables: {
    requestId: string;
    /** The point of sale calling (its token:key checked). */
    integration: Integration;
  };
};

export type BonifiqContext = Context<BonifiqEnv>;
