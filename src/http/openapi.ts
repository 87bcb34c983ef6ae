import type { ZodType } from 'zod';

/** A JSON response of an OpenAPI route definition. */
export const json = <T extends ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** A required JSON request body of an OpenAPI route definition. */
export const body = <T extends ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
