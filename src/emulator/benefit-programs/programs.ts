import type { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import type { DocumentWriter } from '../document-store';
import { body, notFound, requireString, WixApiError } from '../wire';
import { param, queryRoute } from './http';
import { applyChange, jobId, recalled, remember } from './ledger';
import { renewPools, setProgramStatus } from './lifecycle';
import {
  type Balance,
  C,
  type IdList,
  idempotencyId,
  identity,
  invalid,
  isRecord,
  optString,
  type Pointer,
  type Pool,
  type PoolDefinition,
  type Program,
  type ProgramDefinition,
  type ProgramStatus,
  programKeyId,
  stamp,
  toUnits,
} from './shapes';

interface ProvisionRequest {
  lookup: { programDefinitionId?: string; poolDefinitionId?: string };
  beneficiary: Program['beneficiary'];
  status: ProgramStatus;
  namespace: string;
  displayName: string | null;
  externalProgramId: string;
}

function provisionRequest(req: Record<string, unknown>): ProvisionRequest {
  const lookup = isRecord(req.poolDefinitionLookupId) ? req.poolDefinitionLookupId : {};
  const programDefinitionId = optString(
    lookup.programDefinitionId,
    'poolDefinitionLookupId.programDefinitionId',
  );
  const poolDefinitionId = optString(lookup.poolDefinitionId, 'poolDefinitionLookupId.poolDefinitionId');
  if (!programDefinitionId === !poolDefinitionId) {
    throw invalid('poolDefinitionLookupId', 'must hold exactly one of programDefinitionId, poolDefinitionId');
  }
  const beneficiary = identity(req.beneficiary, 'beneficiary');
  if (!beneficiary || Object.keys(beneficiary).length === 0)
    throw invalid('beneficiary', 'must not be empty');
  const status = optString(req.programStatus, 'programStatus') ?? 'ACTIVE';
  if (status !== 'ACTIVE' && status !== 'PAUSED') throw invalid('programStatus', 'must be ACTIVE or PAUSED');
  return {
    lookup: programDefinitionId ? { programDefinitionId } : { poolDefinitionId: poolDefinitionId ?? '' },
    beneficiary,
    status,
    namespace: requireString(req.namespace, 'namespace'),
    displayName: optString(req.displayName, 'displayName') ?? null,
    externalProgramId: requireString(req.externalProgramId, 'externalProgramId'),
  };
}

function provision(tx: DocumentWriter, req: ProvisionRequest, now: Date): Program {
  const key = programKeyId(req.namespace, req.externalProgramId);
  if (tx.get<Pointer>(C.programKeys, key)) {
    throw new WixApiError(409, 'PROGRAM_ALREADY_EXISTS', 'A program with this external ID already exists', {
      externalProgramId: req.externalProgramId,
      namespace: req.namespace,
    });
  }
  let programDefinition: ProgramDefinition | undefined;
  let poolDefinitions: PoolDefinition[];
  if (req.lookup.programDefinitionId) {
    const id = req.lookup.programDefinitionId;
    programDefinition = tx.get<ProgramDefinition>(C.programDefinitions, id);
    if (!programDefinition)
      throw notFound('Program definition', 'PROGRAM_DEFINITION_NOT_FOUND', { programDefinitionId: id });
    poolDefinitions = tx
      .all<PoolDefinition>(C.poolDefinitions)
      .filter((d) => d.programDefinitionIds.includes(id));
  } else {
    const id = req.lookup.poolDefinitionId ?? '';
    const poolDefinition = tx.get<PoolDefinition>(C.poolDefinitions, id);
    if (!poolDefinition)
      throw notFound('Pool definition', 'POOL_DEFINITION_NOT_FOUND', { poolDefinitionId: id });
    poolDefinitions = [poolDefinition];
  }
  const programDefinitionRef = programDefinition
    ? { id: programDefinition.id, externalId: programDefinition.externalId }
    : null;
  const program: Program = {
    ...stamp(now),
    programDefinitionId: programDefinition?.id ?? null,
    status: req.status,
    beneficiary: req.beneficiary,
    displayName: req.displayName,
    namespace: req.namespace,
    externalId: req.externalProgramId,
    programDefinition: programDefinitionRef,
  };
  tx.put(C.programs, program);
  tx.put<Pointer>(C.programKeys, { id: key, target: program.id });
  const poolIds = poolDefinitions.map((definition) => {
    const pool: Pool = {
      ...stamp(now),
      poolDefinitionId: definition.id,
      programDefinitionId: program.programDefinitionId,
      programId: program.id,
      status: req.status,
      beneficiary: req.beneficiary,
      details: definition.details,
      displayName: definition.displayName,
      namespace: req.namespace,
      programDefinition: programDefinitionRef,
      program: { id: program.id, externalId: program.externalId, displayName: program.displayName },
      poolDefinitionRevision: definition.revision,
      renewalCount: 0,
    };
    tx.put(C.pools, pool);
    const credit = definition.details.creditConfiguration;
    const rollover = credit?.rolloverConfiguration;
    const balance: Balance = {
      ...stamp(now, pool.id),
      beneficiary: req.beneficiary,
      amount: { available: '0', reserved: '0' },
      poolInfo: {
        id: pool.id,
        poolDefinitionId: definition.id,
        programDefinitionId: program.programDefinitionId,
        programId: program.id,
        creditAmount: credit?.amount ?? null,
        namespace: req.namespace,
        externalProgramDefinitionId: programDefinition?.externalId ?? null,
        externalProgramId: program.externalId,
        creditRolloverConfiguration: {
          enabled: rollover?.enabled === true,
          balanceCap: rollover?.balanceCap ?? null,
        },
        status: req.status,
      },
      lastTransactionId: null,
    };
    const initial = credit ? toUnits(credit.amount, 'creditConfiguration.amount') : 0;
    if (initial > 0) {
      applyChange(tx, {
        pool,
        balance,
        deltaUnits: initial,
        idempotencyKey: `provision:${pool.id}`,
        now,
        details: { reason: 'Provision' },
      });
    } else {
      tx.put(C.balances, balance);
    }
    return pool.id;
  });
  tx.put<IdList>(C.programPools, { id: program.id, ids: poolIds });
  return program;
}

export function requireProgram(tx: DocumentWriter, programId: string): Program {
  const program = tx.get<Program>(C.programs, programId);
  if (!program) throw notFound('Program', 'PROGRAM_NOT_FOUND', { programId });
  return program;
}

/** Runs a keyed program operation once per (operation, program, key); a repeat answers the first jobId. */
function keyedOperation(
  ctx: EmulatorContext,
  operation: string,
  req: Record<string, unknown>,
  run: (tx: DocumentWriter, program: Program, now: Date, key: string) => void,
): { jobId: string } {
  const programId = requireString(req.programId, 'programId');
  const key = requireString(req.idempotencyKey, 'idempotencyKey');
  return ctx.store.transact((tx) => {
    const program = requireProgram(tx, programId);
    const id = idempotencyId(operation, programId, key);
    const previous = recalled(tx, id);
    if (previous) return { jobId: previous };
    run(tx, program, ctx.clock.now(), key);
    const job = jobId();
    remember(tx, id, job);
    return { jobId: job };
  });
}

export function programRoutes(app: Hono, ctx: EmulatorContext): void {
  app.post('/v1/programs/provision', async (c) => {
    const req = provisionRequest(await body(c));
    const program = ctx.store.transact((tx) => provision(tx, req, ctx.clock.now()));
    return c.json({ jobId: jobId(), program });
  });
  app.post('/v1/programs/renew', async (c) => {
    const req = await body(c);
    return c.json(keyedOperation(ctx, 'renew', req, renewPools));
  });
  app.post('/v1/programs/pause', async (c) => {
    const req = await body(c);
    return c.json(
      keyedOperation(ctx, 'pause', req, (tx, program, now) => setProgramStatus(tx, program, 'PAUSED', now)),
    );
  });
  app.post('/v1/programs/resume', async (c) => {
    const req = await body(c);
    return c.json(
      keyedOperation(ctx, 'resume', req, (tx, program, now) => setProgramStatus(tx, program, 'ACTIVE', now)),
    );
  });
  app.post('/v1/programs/end', async (c) => {
    const req = await body(c);
    const programId = requireString(req.programId, 'programId');
    ctx.store.transact((tx) => setProgramStatus(tx, requireProgram(tx, programId), 'ENDED', ctx.clock.now()));
    return c.json({ jobId: jobId() });
  });
  queryRoute(app, ctx, '/v1/programs/query', C.programs, 'programs');
  app.get('/v1/programs/by-namespace-and-external-id', (c) => {
    const namespace = c.req.query('namespace') ?? '';
    const externalId = c.req.query('externalId') ?? '';
    const pointer = ctx.store.get<Pointer>(C.programKeys, programKeyId(namespace, externalId));
    const program = pointer && ctx.store.get<Program>(C.programs, pointer.target);
    if (!program) throw notFound('Program', 'PROGRAM_NOT_FOUND', { namespace, externalId });
    return c.json({ program });
  });
  app.get('/v1/programs/:programId', (c) => {
    const program = ctx.store.get<Program>(C.programs, param(c, 'programId'));
    if (!program) throw notFound('Program', 'PROGRAM_NOT_FOUND', { programId: param(c, 'programId') });
    return c.json({ program });
  });
}
