import type { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import type { DocumentReader } from '../document-store';
import { body, requireString, WixApiError } from '../wire';
import { availableUnits } from './ledger';
import {
  type Balance,
  type Benefit,
  C,
  fromUnits,
  type Identity,
  type Item,
  type ItemReference,
  identity,
  invalid,
  isRecord,
  itemCount,
  itemReference,
  itemsFor,
  optString,
  type Pool,
  sameIdentity,
  toUnits,
} from './shapes';

export interface Selector {
  poolId: string;
  benefitKey?: string | undefined;
  itemReference?: ItemReference | undefined;
  count: number;
}

export interface Scope {
  namespace?: string | undefined;
  beneficiary?: Identity | undefined;
}

export type BenefitResult = { type: string } & Record<string, unknown>;

export interface Evaluation {
  result: BenefitResult;
  pool?: Pool;
  benefit?: Benefit;
  item?: Item | undefined;
  costUnits?: number;
}

/** A pool is visible to a call only within its namespace and, when one is named, for its beneficiary. */
export const poolInScope = (pool: Pool, scope: Scope): boolean =>
  (!scope.namespace || pool.namespace === scope.namespace) &&
  (!scope.beneficiary ||
    Object.keys(scope.beneficiary).length === 0 ||
    sameIdentity(pool.beneficiary, scope.beneficiary));

/** Benefits of the pool the selector names, with the item that ties each to the item reference. */
function selectBenefits(tx: DocumentReader, pool: Pool, sel: Selector): { benefit: Benefit; item?: Item }[] {
  const items = sel.itemReference ? itemsFor(tx, sel.itemReference, pool.namespace) : undefined;
  const itemFor = (benefit: Benefit) => items?.find((i) => i.itemSetId === benefit.itemSetId);
  if (sel.benefitKey !== undefined) {
    const benefit = pool.details.benefits.find((b) => b.benefitKey === sel.benefitKey);
    if (!benefit) return [];
    const item = itemFor(benefit);
    return items && !item ? [] : [{ benefit, ...(item ? { item } : {}) }];
  }
  if (!items) return [];
  return pool.details.benefits.flatMap((benefit) => {
    const item = itemFor(benefit);
    return item ? [{ benefit, item }] : [];
  });
}

/** Eligibility of one selector, as the one-of results Wix returns (one per matching benefit). */
export function evaluate(tx: DocumentReader, sel: Selector, scope: Scope): Evaluation[] {
  const { poolId } = sel;
  const pool = tx.get<Pool>(C.pools, poolId);
  if (!pool || !poolInScope(pool, scope)) {
    return [{ result: { type: 'POOL_NOT_FOUND', poolNotFoundOptions: { poolId } } }];
  }
  if (pool.status !== 'ACTIVE') {
    return [
      { result: { type: 'POOL_NOT_ACTIVE', poolNotActiveOptions: { poolId, poolStatus: pool.status } } },
    ];
  }
  const selected = selectBenefits(tx, pool, sel);
  if (selected.length === 0) {
    const benefitNotFoundOptions = { poolId, benefitKey: sel.benefitKey ?? null };
    return [{ result: { type: 'BENEFIT_NOT_FOUND', benefitNotFoundOptions } }];
  }
  // A pool without a credit configuration is unlimited: its benefits cost nothing.
  const limited = pool.details.creditConfiguration !== null;
  const balance = limited ? tx.get<Balance>(C.balances, pool.id) : undefined;
  const available = balance ? availableUnits(balance) : 0;
  return selected.map(({ benefit, item }) => {
    const costUnits = limited && benefit.price !== null ? toUnits(benefit.price, 'price') * sel.count : 0;
    const itemRef = sel.itemReference ?? null;
    if (costUnits > available) {
      const notEnoughBalanceOptions = {
        poolId,
        itemReference: itemRef,
        availableBalance: fromUnits(available),
        requestedBalance: fromUnits(costUnits),
      };
      return { result: { type: 'NOT_ENOUGH_BALANCE', notEnoughBalanceOptions }, pool, benefit, item };
    }
    const eligibleBenefitOptions = {
      poolId,
      benefitKey: benefit.benefitKey,
      itemReference: itemRef,
      price: benefit.price,
    };
    return { result: { type: 'ELIGIBLE_BENEFIT', eligibleBenefitOptions }, pool, benefit, item, costUnits };
  });
}

/** The error a redemption answers for a non-eligible result (its options are the error data). */
export function eligibilityError(result: BenefitResult): WixApiError {
  const data = (options: string) => (isRecord(result[options]) ? result[options] : {});
  switch (result.type) {
    case 'POOL_NOT_FOUND':
      return new WixApiError(404, 'POOL_NOT_FOUND', 'Pool not found', data('poolNotFoundOptions'));
    case 'POOL_NOT_ACTIVE':
      return new WixApiError(428, 'POOL_NOT_ACTIVE', 'Pool is not active', data('poolNotActiveOptions'));
    case 'BENEFIT_NOT_FOUND':
      return new WixApiError(404, 'BENEFIT_NOT_FOUND', 'Benefit not found', data('benefitNotFoundOptions'));
    default:
      return new WixApiError(
        428,
        'NOT_ENOUGH_BALANCE',
        'Not enough balance',
        data('notEnoughBalanceOptions'),
      );
  }
}

/** Reads a selector; `field` prefixes the violation paths of a nested one. */
export function selector(v: unknown, field = ''): Selector {
  if (!isRecord(v)) throw invalid(field, 'must be an object');
  const at = (name: string) => (field ? `${field}.${name}` : name);
  return {
    poolId: requireString(v.poolId, at('poolId')),
    benefitKey: optString(v.benefitKey, at('benefitKey')),
    itemReference: itemReference(v.itemReference, at('itemReference')),
    count: itemCount(v.count, at('count')),
  };
}

export const scopeOf = (req: Record<string, unknown>): Scope => ({
  namespace: requireString(req.namespace, 'namespace'),
  beneficiary: identity(req.beneficiary, 'beneficiary'),
});

export function eligibilityRoutes(app: Hono, ctx: EmulatorContext): void {
  app.post('/v1/pools/check-eligibility', async (c) => {
    const req = await body(c);
    const sel = selector(req);
    const scope = scopeOf(req);
    const benefitResults = evaluate(ctx.store, sel, scope).map((e) => e.result);
    return c.json({ result: { benefitResults } });
  });
  app.post('/v1/bulk/benefits/check-eligibility', async (c) => {
    const req = await body(c);
    const scope = scopeOf(req);
    const selectors = req.benefitSelectors;
    if (!Array.isArray(selectors) || selectors.length === 0 || selectors.length > 100) {
      throw invalid('benefitSelectors', 'must hold 1 to 100 selectors');
    }
    const results = selectors.map((raw: unknown, i) => {
      const benefitResults = evaluate(ctx.store, selector(raw, `benefitSelectors[${i}]`), scope).map(
        (e) => e.result,
      );
      return { benefitSelector: raw, result: { benefitResults } };
    });
    return c.json({ results });
  });
  app.post('/v1/pools/eligible-pools', async (c) => {
    const req = await body(c);
    const scope = scopeOf(req);
    const raw = isRecord(req.itemReference) ? req.itemReference : {};
    const reference = raw.externalId ? itemReference(raw, 'itemReference') : undefined;
    if (!reference)
      throw new WixApiError(400, 'INVALID_ITEM_REFERENCE', 'itemReference.externalId is required');
    const count = itemCount(req.count, 'count');
    const items = itemsFor(ctx.store, reference, scope.namespace);
    const itemSetIds = new Set(items.map((i) => i.itemSetId));
    const eligibleBenefits: unknown[] = [];
    if (itemSetIds.size > 0) {
      for (const pool of ctx.store.all<Pool>(C.pools)) {
        if (pool.status !== 'ACTIVE' || !poolInScope(pool, scope)) continue;
        if (!pool.details.benefits.some((b) => itemSetIds.has(b.itemSetId))) continue;
        for (const e of evaluate(ctx.store, { poolId: pool.id, itemReference: reference, count }, scope)) {
          if (e.result.type === 'ELIGIBLE_BENEFIT') eligibleBenefits.push(e.result.eligibleBenefitOptions);
        }
      }
    }
    return c.json({ eligibleBenefits });
  });
}
