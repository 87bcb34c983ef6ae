import { AppError } from '../../../core/errors';
import type { ExpysApp } from './common';

/**
 * Expys' concierge features (chat conversations and their message stream, interests with their intake and
 * phone verification) are outside rewards: this app has no concierge behind them. A client calling them
 * gets a stable answer in Expys' error shape instead of a bare 404.
 */
export const CONCIERGE_PATHS = [
  '/v1/conversations',
  '/v1/conversations/*',
  '/v1/interests',
  '/v1/interests/*',
] as const;

export function notSupportedRoutes(app: ExpysApp): void {
  for (const path of CONCIERGE_PATHS) {
    app.all(path, () => {
      throw new AppError(
        'NOT_SUPPORTED',
        'Concierge features (conversations, interests) are not offered here',
        {
          details: { feature: 'concierge' },
        },
      );
    });
  }
}
