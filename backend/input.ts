import type { z } from 'zod';
import { parseWith } from '../src/http/validation';

/** Parses a web method's argument; anything malformed is VALIDATION naming the field, before any work. */
export const parseInput = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> =>
  parseWith(schema, value, 'input');
