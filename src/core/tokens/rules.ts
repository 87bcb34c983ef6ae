import type { CoreDeps } from '../deps';
import { AppError } from '../errors';

/** How partner facts turn into tokens (config: program file `tokens`, overridable per deployment). */
export interface TokenRules {
  /** IANA zone whose calendar day the visit cap counts in. */
  timeZone: string;
  /** At most this many visit tokens per member per local day, so door re-scans mint nothing. */
  visitTokensPerDay: number;
  /** One token per this much spent (order currency units); partial amounts round down. */
  orderAmountPerToken: number;
  /** Loyalty points per currency unit spent, when orders also earn points; null = off. */
  orderPointsPerUnit: number | null;
}

export type TokenDeps = CoreDeps & { tokens: TokenRules };

// Building an Intl.DateTimeFormat costs far more than using one (ICU loads the zone and the locale's
// patterns): one per zone, reused by every visit.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormatOf(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** `YYYY-MM-DD` of an instant in a time zone. */
export function localDayOf(at: Date, timeZone: string): string {
  const parts = dayFormatOf(timeZone).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** True when the runtime knows the zone (config validation). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const MICRO = 1_000_000;
const DECIMAL = /^(\d{1,12})(?:\.(\d{1,6}))?$/;

/** A decimal amount as integer millionths, exactly (no float rounding of "123.40"). */
export function toMicros(amount: string): number {
  const match = DECIMAL.exec(amount);
  if (!match) throw new AppError('VALIDATION', `amount must be a decimal like "123.40", got "${amount}"`);
  return Number(match[1]) * MICRO + Number((match[2] ?? '').padEnd(6, '0'));
}

/** Whole tokens an order amount earns. */
export function tokensForAmount(amount: string, amountPerToken: number): number {
  const per = Math.round(amountPerToken * MICRO);
  if (per <= 0) return 0;
  return Math.floor(toMicros(amount) / per);
}

/** Whole points an order amount earns. */
export function pointsForAmount(amount: string, pointsPerUnit: number): number {
  return Math.floor((toMicros(amount) * pointsPerUnit) / MICRO);
}
