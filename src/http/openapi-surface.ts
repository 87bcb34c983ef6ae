import { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import type { Logger } from '../core/ports/logger';
import { limitBody } from './body-limit';
import { type ErrorResponder, onAppError } from './on-error';
import { validationHook } from './validation';

export interface SurfaceOptions {
  /** The surface's own error wire shape. */
  respond: ErrorResponder;
  log: Logger;
  /** The log message of an unexpected failure. */
  failure: string;
  /** The API's paths (e.g. `/v1/*`): their bodies are limited before anything reads them. */
  paths: string;
  maxBodyBytes?: number;
  /** How callers authenticate, for the generated spec. */
  security: { name: string; scheme: 'basic' | 'bearer'; description: string };
}

/**
 * A partner-shaped OpenAPI surface with what every one of them shares: invalid input is VALIDATION, bodies
 * are limited, one onError answers in the surface's shape. The surface adds its auth and routes.
 */
export function openApiSurface<E extends Env>(options: SurfaceOptions): OpenAPIHono<E> {
  const app = new OpenAPIHono<E>({ defaultHook: validationHook });
  const { name, scheme, description } = options.security;
  app.openAPIRegistry.registerComponent('securitySchemes', name, { type: 'http', scheme, description });
  app.use(options.paths, limitBody(options.respond, options.maxBodyBytes));
  app.onError(onAppError(options.respond, options.log, options.failure));
  return app;
}
