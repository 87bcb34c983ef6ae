import type { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import type { DocumentWriter } from '../document-store';
import { body, newId, notFound } from '../wire';
import { param, queryRoute } from './http';
import { C, type IdList, type Item, invalid, isRecord, itemsFor, optString, stamp } from './shapes';

interface ItemResult {
  itemMetadata: {
    id: string | null;
    originalIndex: number;
    success: boolean;
    error?: { code: string; description: string; data: Record<string, unknown> };
  };
  item?: Item;
}

function createItem(tx: DocumentWriter, input: unknown, index: number, now: Date): ItemResult {
  const fail = (code: string, description: string, id: string | null = null): ItemResult => ({
    itemMetadata: { id, originalIndex: index, success: false, error: { code, description, data: {} } },
  });
  if (!isRecord(input)) return fail('INVALID_ARGUMENT', 'item must be an object');
  const field = `items[${index}]`;
  const externalId = optString(input.externalId, `${field}.externalId`);
  if (!externalId) return fail('INVALID_ARGUMENT', 'externalId must not be empty');
  const item: Item = {
    ...stamp(now),
    externalId,
    category: optString(input.category, `${field}.category`) ?? null,
    itemSetId: optString(input.itemSetId, `${field}.itemSetId`) || newId(),
    displayName: optString(input.displayName, `${field}.displayName`) ?? null,
    providerAppId: optString(input.providerAppId, `${field}.providerAppId`) ?? null,
    namespace: optString(input.namespace, `${field}.namespace`) ?? null,
  };
  const duplicate = itemsFor(tx, { externalId }).find(
    (other) =>
      other.itemSetId === item.itemSetId &&
      other.providerAppId === item.providerAppId &&
      other.category === item.category &&
      other.namespace === item.namespace,
  );
  if (duplicate) return fail('ALREADY_EXISTS', 'This item is already in the item set', duplicate.id);
  tx.put(C.items, item);
  const refs = tx.get<IdList>(C.itemRefs, externalId);
  tx.put<IdList>(C.itemRefs, { id: externalId, ids: [...(refs?.ids ?? []), item.id] });
  return { itemMetadata: { id: item.id, originalIndex: index, success: true }, item };
}

export function itemRoutes(app: Hono, ctx: EmulatorContext): void {
  app.post('/v1/bulk/items/create', async (c) => {
    const req = await body(c);
    if (!Array.isArray(req.items) || req.items.length === 0)
      throw invalid('items', 'must be a non-empty list');
    const inputs: unknown[] = req.items;
    const results = ctx.store.transact((tx) => {
      const now = ctx.clock.now();
      return inputs.map((input, i) => createItem(tx, input, i, now));
    });
    const totalSuccesses = results.filter((r) => r.itemMetadata.success).length;
    return c.json({
      results: results.map((r) => (req.returnEntity === true ? r : { itemMetadata: r.itemMetadata })),
      bulkActionMetadata: {
        totalSuccesses,
        totalFailures: results.length - totalSuccesses,
        undetailedFailures: 0,
      },
    });
  });
  queryRoute(app, ctx, '/v1/items/query', C.items, 'items');
  app.get('/v1/items/:itemId', (c) => {
    const item = ctx.store.get<Item>(C.items, param(c, 'itemId'));
    if (!item) throw notFound('Item', 'ITEM_NOT_FOUND', { itemId: param(c, 'itemId') });
    return c.json({ item });
  });
}
