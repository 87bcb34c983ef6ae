import { AppError } from '../../../core/errors';

/** Money at the counter is kept in whole cents: no float drift in caps and conversions. */
export function toCents(value: number, field: string): number {
  const cents = Math.round(value * 100);
  if (!Number.isFinite(value) || value < 0 || Math.abs(value * 100 - cents) > 1e-6) {
    throw new AppError('VALIDATION', `${field} must be an amount of money with at most 2 decimals`, {
      details: { field },
    });
  }
  return cents;
}

export const fromCents = (cents: number): number => cents / 100;

/**
 * Cashback turns points into money at the rate of the Wix reward that backs it: `costInPoints` points are
 * worth `value` currency units.
 */
export interface CashbackRate {
  costInPoints: number;
  value: number;
}

/** What `points` are worth, rounded down to the cent (the customer never gets more than the points buy). */
export const centsForPoints = (points: number, rate: CashbackRate): number =>
  Math.floor((points * rate.value * 100) / rate.costInPoints + 1e-9);

/** The points `cents` cost; VALIDATION when no whole number of points is worth exactly that. */
export function pointsForCents(cents: number, rate: CashbackRate): number {
  const points = (cents * rate.costInPoints) / (rate.value * 100);
  const whole = Math.round(points);
  if (Math.abs(points - whole) > 1e-9) {
    throw new AppError('VALIDATION', 'Value must be worth a whole number of points; send Points instead', {
      details: { field: 'Value' },
    });
  }
  return whole;
}
