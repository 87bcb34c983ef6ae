import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';

/**
 * A Wix application error as the real API sends it. Thrown inside a handler, it becomes
 * `{message, details: {applicationError: {code, description, data}}}` with its status — the only shape
 * from which the SDK surfaces `err.details.applicationError.code`.
 */
export class WixApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(description);
  }
}

/** A Wix validation error (`details.validationError.fieldViolations`). */
export class WixValidationError extends Error {
  constructor(readonly fieldViolations: { field: string; description: string; violatedRule?: string }[]) {
    super('INVALID_ARGUMENT');
  }
}

export function wixErrorBody(err: WixApiError) {
  return {
    message: err.description,
    details: { applicationError: { code: err.code, description: err.description, data: err.data } },
  };
}

export function validationErrorBody(err: WixValidationError) {
  return {
    message: 'INVALID_ARGUMENT',
    details: { validationError: { fieldViolations: err.fieldViolations } },
  };
}

export const notFound = (what: string, code: string, data: Record<string, unknown>) =>
  new WixApiError(404, code, `${what} not found`, data);

export const newId = (): string => randomUUID();

/** The request body of a POST/PATCH as JSON (the SDK always sends an object). */
export async function body<T = Record<string, unknown>>(c: Context): Promise<T> {
  const text = await c.req.text();
  if (!text) return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new WixValidationError([{ field: 'body', description: 'must be JSON' }]);
  }
}

/** Throws a validation error unless `value` is a non-empty string. */
export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new WixValidationError([
      { field, description: 'must not be empty', violatedRule: 'REQUIRED_FIELD' },
    ]);
  }
  return value;
}

/** Benefit Programs sends 64-bit ints and decimals as strings; parse one and reject garbage. */
export function decimal(value: unknown, field: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) {
    throw new WixValidationError([
      { field, description: 'must be a decimal number', violatedRule: 'FORMAT' },
    ]);
  }
  return n;
}

/** Decimal back to the wire's string form without float noise. */
export const decimalString = (n: number): string => String(Math.round(n * 1e6) / 1e6);

/** Bumps a string revision ("1" → "2"). */
export const nextRevision = (revision: unknown): string => String(Number(revision ?? '0') + 1);
