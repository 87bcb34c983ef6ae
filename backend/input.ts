import type { z } from 'zod';
import { AppError } from '../src/core/errors';

/** Parses a web method's argument; anything malformed is VALIDATION naming the field, before any work. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : 'input';
  throw new AppError('VALIDATION', `${field}: ${issue?.message ?? 'invalid'}`, {
    details: { field },
  });
}
