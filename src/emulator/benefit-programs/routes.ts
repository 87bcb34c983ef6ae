import { Hono } from 'hono';
import type { EmulatorContext } from '../context';

export function benefitProgramsRoutes(_ctx: EmulatorContext): Hono {
  return new Hono();
}
