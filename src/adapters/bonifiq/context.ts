import type { Context } from 'hono';
import type { Integration } from '../../core/ports/integrations';
import type { PosDeps } from '../../core/pos/counter-orders';

export type BonifiqDeps = PosDeps;

export type BonifiqEnv = {
  Variables: {
    requestId: string;
    /** The point of sale calling (its token:key checked). */
    integration: Integration;
  };
};

export type BonifiqContext = Context<BonifiqEnv>;
