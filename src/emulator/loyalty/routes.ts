import { Hono } from 'hono';
import type { EmulatorContext } from '../context';

export function loyaltyRoutes(_ctx: EmulatorContext): Hono {
  return new Hono();
}
