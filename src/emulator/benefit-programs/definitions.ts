import type { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import type { DocumentWriter } from '../document-store';
import { body, newId, notFound, requireString, WixApiError } from '../wire';
import { param, queryRoute } from './http';
import {
  type Benefit,
  C,
  type CreditConfiguration,
  type Details,
  fromUnits,
  invalid,
  isRecord,
  optString,
  type PoolDefinition,
  type ProgramDefinition,
  stamp,
  toUnits,
} from './shapes';

function nonNegative(value: unknown, field: string): string {
  const units = toUnits(value, field);
  if (units < 0) throw invalid(field, 'must not be negative');
  return fromUnits(units);
}

function benefit(v: unknown, field: string): Benefit {
  if (!isRecord(v)) throw invalid(field, 'must be an object');
  return {
    benefitKey: optString(v.benefitKey, `${field}.benefitKey`) ?? '',
    itemSetId: optString(v.itemSetId, `${field}.itemSetId`) || newId(),
    price: v.price === undefined || v.price === null ? null : nonNegative(v.price, `${field}.price`),
    providerAppId: optString(v.providerAppId, `${field}.providerAppId`) ?? null,
    displayName: optString(v.displayName, `${field}.displayName`) ?? null,
    description: optString(v.description, `${field}.description`) ?? null,
    additionalData: isRecord(v.additionalData) ? v.additionalData : null,
  };
}

function creditConfiguration(v: unknown, field: string): CreditConfiguration | null {
  if (v === undefined || v === null) return null;
  if (!isRecord(v)) throw invalid(field, 'must be an object');
  const rollover = isRecord(v.rolloverConfiguration) ? v.rolloverConfiguration : {};
  const cap = rollover.balanceCap;
  return {
    amount: v.amount === undefined || v.amount === null ? '0' : nonNegative(v.amount, `${field}.amount`),
    rolloverConfiguration: {
      enabled: typeof rollover.enabled === 'boolean' ? rollover.enabled : null,
      balanceCap:
        cap === undefined || cap === null
          ? null
          : nonNegative(cap, `${field}.rolloverConfiguration.balanceCap`),
    },
    unitDisplayName: optString(v.unitDisplayName, `${field}.unitDisplayName`) ?? null,
    unitType: optString(v.unitType, `${field}.unitType`) ?? null,
  };
}

function details(v: unknown, field: string): Details {
  if (v !== undefined && v !== null && !isRecord(v)) throw invalid(field, 'must be an object');
  const d = v ?? {};
  if (d.benefits !== undefined && d.benefits !== null && !Array.isArray(d.benefits)) {
    throw invalid(`${field}.benefits`, 'must be a list');
  }
  const benefits = ((d.benefits as unknown[] | null | undefined) ?? []).map((b, i) =>
    benefit(b, `${field}.benefits[${i}]`),
  );
  const keys = new Set(benefits.map((b) => b.benefitKey));
  if (keys.size !== benefits.length) throw invalid(`${field}.benefits`, 'benefitKey must be unique');
  return {
    benefits,
    creditConfiguration: creditConfiguration(d.creditConfiguration, `${field}.creditConfiguration`),
    additionalData: isRecord(d.additionalData) ? d.additionalData : null,
  };
}

function createProgramDefinition(
  tx: DocumentWriter,
  req: Record<string, unknown>,
  now: Date,
): ProgramDefinition {
  const input = isRecord(req.programDefinition) ? req.programDefinition : {};
  const namespace = requireString(input.namespace, 'programDefinition.namespace');
  const externalId = requireString(input.externalId, 'programDefinition.externalId');
  const clash = tx
    .all<ProgramDefinition>(C.programDefinitions)
    .find((d) => d.namespace === namespace && d.externalId === externalId);
  if (clash) {
    throw new WixApiError(
      409,
      'ALREADY_EXISTS',
      'A program definition with this external ID already exists',
      {
        namespace,
        externalId,
        programDefinitionId: clash.id,
      },
    );
  }
  const definition: ProgramDefinition = {
    ...stamp(now),
    displayName: optString(input.displayName, 'programDefinition.displayName') ?? null,
    namespace,
    externalId,
  };
  return tx.put(C.programDefinitions, definition);
}

function createPoolDefinition(tx: DocumentWriter, req: Record<string, unknown>, now: Date): PoolDefinition {
  const input = isRecord(req.poolDefinition) ? req.poolDefinition : {};
  const namespace = requireString(input.namespace, 'poolDefinition.namespace');
  const ids = input.programDefinitionIds ?? [];
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
    throw invalid('poolDefinition.programDefinitionIds', 'must be a list of ids');
  }
  const programDefinitions = (ids as string[]).map((id) => {
    const definition = tx.get<ProgramDefinition>(C.programDefinitions, id);
    if (!definition)
      throw notFound('Program definition', 'PROGRAM_DEFINITION_NOT_FOUND', { programDefinitionId: id });
    return { id, externalId: definition.externalId };
  });
  const definition: PoolDefinition = {
    ...stamp(now),
    displayName: optString(input.displayName, 'poolDefinition.displayName') ?? null,
    namespace,
    programDefinitionIds: ids as string[],
    programDefinitions,
    details: details(input.details, 'poolDefinition.details'),
  };
  return tx.put(C.poolDefinitions, definition);
}

export function definitionRoutes(app: Hono, ctx: EmulatorContext): void {
  app.post('/v1/program-definitions', async (c) => {
    const req = await body(c);
    const programDefinition = ctx.store.transact((tx) => createProgramDefinition(tx, req, ctx.clock.now()));
    return c.json({ programDefinition });
  });
  queryRoute(app, ctx, '/v1/program-definitions/query', C.programDefinitions, 'programDefinitions');
  app.get('/v1/program-definitions/by-namespace-and-external-id', (c) => {
    const namespace = c.req.query('namespace');
    const externalId = c.req.query('externalId');
    const programDefinition = ctx.store
      .all<ProgramDefinition>(C.programDefinitions)
      .find((d) => d.namespace === namespace && d.externalId === externalId);
    if (!programDefinition) {
      throw notFound('Program definition', 'PROGRAM_DEFINITION_NOT_FOUND', { namespace, externalId });
    }
    return c.json({ programDefinition });
  });
  app.get('/v1/program-definitions/:id', (c) => {
    const programDefinition = ctx.store.get<ProgramDefinition>(C.programDefinitions, param(c, 'id'));
    if (!programDefinition) {
      throw notFound('Program definition', 'PROGRAM_DEFINITION_NOT_FOUND', {
        programDefinitionId: param(c, 'id'),
      });
    }
    return c.json({ programDefinition });
  });

  app.post('/v1/pool-definitions', async (c) => {
    // `cascade` only matters for live pools of an updated definition; creation has none to reach.
    const req = await body(c);
    const poolDefinition = ctx.store.transact((tx) => createPoolDefinition(tx, req, ctx.clock.now()));
    return c.json({ poolDefinition });
  });
  queryRoute(app, ctx, '/v1/pool-definitions/query', C.poolDefinitions, 'poolDefinitions');
  app.post('/v1/pool-definitions/find-pool-definitions-by-program-definition', async (c) => {
    const req = await body(c);
    const programDefinitionId = requireString(req.programDefinitionId, 'programDefinitionId');
    const namespace = optString(req.namespace, 'namespace');
    const poolDefinitions = ctx.store
      .all<PoolDefinition>(C.poolDefinitions)
      .filter(
        (d) =>
          d.programDefinitionIds.includes(programDefinitionId) && (!namespace || d.namespace === namespace),
      );
    return c.json({ poolDefinitions });
  });
  app.get('/v1/pool-definitions/:id', (c) => {
    const poolDefinition = ctx.store.get<PoolDefinition>(C.poolDefinitions, param(c, 'id'));
    if (!poolDefinition) {
      throw notFound('Pool definition', 'POOL_DEFINITION_NOT_FOUND', { poolDefinitionId: param(c, 'id') });
    }
    return c.json({ poolDefinition });
  });
}
