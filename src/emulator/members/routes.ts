import { Hono } from 'hono';
import type { EmulatorContext } from '../context';

export function membersRoutes(_ctx: EmulatorContext): Hono {
  return new Hono();
}
