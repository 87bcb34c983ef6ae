import type { Context, Hono } from 'hono';
import type { EmulatorContext } from '../context';
import type { Doc } from '../document-store';
import { runQuery, type WixQuery } from '../query';
import { body } from '../wire';
import { invalid, isRecord } from './shapes';

/**
 * POST `.../query` → `{[key]: docs, metadata}`.
 */
export function queryRoute(
  app: Hono,
  ctx: EmulatorContext,
  path: string,
  collection: string,
  key: string,
): void {
  app.post(path, async (c) => {
    const req = await body(c);
    if (req.query !== undefined && req.query !== null && !isRecord(req.query))
      throw invalid('query', 'must be an object');
    const query = (req.query ?? undefined) as WixQuery | undefined;
    const { items, metadata } = runQuery(ctx.store.all<Doc>(collection), query);
    return c.json({ [key]: items, metadata });
  });
}

/** A path parameter Hono has matched (never absent on a matched route). */
export const param = (c: Context, name: string): string => c.req.param(name) ?? '';
