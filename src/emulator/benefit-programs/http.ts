import type { Context, Hono } from 'hono';
import type { EmulatorContext } from '../context';
import type { Doc } from '../document-store';
import { runQuery, type WixQuery } from '../query';
import { body } from '../wire';
import { invalid, isRecord } from './shapes';

/** The first sort order of a query, also when the SDK's `next()` sends only the cursor (which carries it). */
function primaryOrder(query: WixQuery | undefined): string | undefined {
  const cursor = query?.cursorPaging?.cursor;
  if (!cursor) return query?.sort?.[0]?.order;
  try {
    const state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      s?: { order?: string }[];
    };
    return state.s?.[0]?.order;
  } catch {
    return undefined;
  }
}

/**
 * POST `.../query` → `{[key]: docs, metadata}`. Documents come in creation order; for a descending sort they are
 * fed newest first, so equal timestamps (a manual clock) still list the latest entity first.
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
    const docs = ctx.store.all<Doc>(collection);
    if (primaryOrder(query) === 'DESC') docs.reverse();
    const { items, metadata } = runQuery(docs, query);
    return c.json({ [key]: items, metadata });
  });
}

/** A path parameter Hono has matched (never absent on a matched route). */
export const param = (c: Context, name: string): string => c.req.param(name) ?? '';
