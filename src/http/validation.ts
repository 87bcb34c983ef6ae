import type { ZodError, z } from 'zod';
import { AppError } from '../core/errors';

/** A zod failure as every surface reports it: VALIDATION naming the first bad field. */
export function validationError(error: ZodError, wholeValue = 'body'): AppError {
  const issue = error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : wholeValue;
  return new AppError('VALIDATION', `${field}: ${issue?.message ?? 'invalid'}`, { details: { field } });
}

/** Parses `value` with `schema`; anything malformed is VALIDATION, before any work. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, wholeValue = 'body'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw validationError(parsed.error, wholeValue);
}

/** zod-openapi's `defaultHook`: an invalid request is VALIDATION (the surface's onError shapes it). */
export function validationHook(result: { success: boolean; error?: ZodError }): void {
  if (!result.success && result.error) throw validationError(result.error);
}
