import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGymSample, enrollMember, type GymSample, WIX_STORES_APP_ID } from '../support/gym-sample';
import { type LocalWix, rejection, startLocalWix } from '../support/local-wix';

let wix: LocalWix;
let sdk: LocalWix['sdk'];
let gym: GymSample;

beforeEach(async () => {
  wix = startLocalWix();
  sdk = wix.sdk;
  gym = await createGymSample(sdk);
});
afterEach(() => wix.close());

const available = async (poolId: string) => (await sdk.balances.getBalance(poolId)).amount?.available;

describe('definitions', () => {
  it('keeps the gym pool definition and gives each benefit its own item set', async () => {
    const definition = await sdk.poolDefinitions.getPoolDefinition(gym.poolDefinitionId);
    expect(definition._id).toBe(gym.poolDefinitionId);
    expect(definition._createdDate).toBeInstanceOf(Date);
    expect(definition.programDefinitionIds).toEqual([gym.programDefinitionId]);
    expect(definition.programDefinitions?.[0]?._id).toBe(gym.programDefinitionId);
    expect(definition.details?.creditConfiguration).toMatchObject({
      amount: '0',
      rolloverConfiguration: { enabled: true, balanceCap: '5' },
      unitDisplayName: 'Tokens',
    });
    const benefits = definition.details?.benefits?.map((b) => [b.benefitKey, b.price, b.providerAppId]);
    expect(benefits).toEqual([
      ['gym10', '10', WIX_STORES_APP_ID],
      ['gym20', '20', WIX_STORES_APP_ID],
      ['gym30', '30', WIX_STORES_APP_ID],
    ]);
    const itemSetIds = definition.details?.benefits?.map((b) => b.itemSetId) ?? [];
    expect(new Set(itemSetIds).size).toBe(3);
    for (const id of itemSetIds) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a given itemSetId', async () => {
    const itemSetId = randomUUID();
    const definition = await sdk.poolDefinitions.createPoolDefinition({
      namespace: gym.namespace,
      programDefinitionIds: [],
      details: { benefits: [{ benefitKey: 'b', itemSetId, price: '1', providerAppId: WIX_STORES_APP_ID }] },
    });
    expect(definition.details?.benefits?.[0]?.itemSetId).toBe(itemSetId);
  });

  it('gets and queries program definitions', async () => {
    const got = await sdk.programDefinitions.getProgramDefinition(gym.programDefinitionId);
    expect(got).toMatchObject({
      _id: gym.programDefinitionId,
      namespace: 'gym',
      displayName: 'New gym members',
    });
    await sdk.programDefinitions.createProgramDefinition({ namespace: 'other', externalId: 'x' });
    const { items } = await sdk.programDefinitions.queryProgramDefinitions().eq('namespace', 'gym').find();
    expect(items.map((d) => d._id)).toEqual([gym.programDefinitionId]);
    const typed = await sdk.poolDefinitions.queryPoolDefinitions({ filter: { namespace: 'gym' } });
    expect(typed.poolDefinitions?.map((d) => d._id)).toEqual([gym.poolDefinitionId]);
    // How the setup finds the pool definitions of a program definition.
    const linked = await sdk.poolDefinitions.queryPoolDefinitions({
      filter: { namespace: 'gym', programDefinitionIds: { $hasSome: [gym.programDefinitionId] } },
    });
    expect(linked.poolDefinitions?.map((d) => d._id)).toEqual([gym.poolDefinitionId]);
    const found = await sdk.poolDefinitions.findPoolDefinitionsByProgramDefinition(gym.programDefinitionId, {
      namespace: 'gym',
    });
    expect(found.poolDefinitions?.map((d) => d._id)).toEqual([gym.poolDefinitionId]);
  });

  it('refuses a second program definition with the same external id, and unknown definitions', async () => {
    const externalId = randomUUID();
    await sdk.programDefinitions.createProgramDefinition({ namespace: 'gym', externalId });
    const dup = await rejection(
      sdk.programDefinitions.createProgramDefinition({ namespace: 'gym', externalId }),
    );
    expect(dup).toMatchObject({ code: 'ALREADY_EXISTS', status: 409 });
    const missing = await rejection(sdk.programDefinitions.getProgramDefinition(randomUUID()));
    expect(missing).toMatchObject({ code: 'PROGRAM_DEFINITION_NOT_FOUND', status: 404 });
    const badLink = await rejection(
      sdk.poolDefinitions.createPoolDefinition({
        namespace: 'gym',
        programDefinitionIds: [randomUUID()],
        details: { benefits: [] },
      }),
    );
    expect(badLink.code).toBe('PROGRAM_DEFINITION_NOT_FOUND');
  });

  it('serves every endpoint under both the /_api and the plain prefix', async () => {
    for (const prefix of ['/_api/benefit-programs', '/benefit-programs']) {
      const res = await wix.sdk.fetchWithAuth(
        `https://www.wixapis.com${prefix}/v1/pool-definitions/${gym.poolDefinitionId}`,
      );
      expect(res.status).toBe(200);
      expect(((await res.json()) as { poolDefinition: { id: string } }).poolDefinition.id).toBe(
        gym.poolDefinitionId,
      );
      const query = await wix.sdk.fetchWithAuth(`https://www.wixapis.com${prefix}/v1/pools/query`, {
        method: 'POST',
        body: '{}',
      });
      expect(await query.json()).toMatchObject({ pools: [], metadata: { count: 0, hasNext: false } });
    }
  });
});

describe('items', () => {
  it('bulk-creates items and finds them by reference', async () => {
    const itemSetId = gym.benefits.gym10.itemSetId;
    const created = await sdk.items.bulkCreateItems(
      [
        {
          externalId: 'p-1',
          itemSetId,
          providerAppId: WIX_STORES_APP_ID,
          namespace: 'gym',
          category: 'shirts',
        },
        { externalId: 'p-2', itemSetId, providerAppId: WIX_STORES_APP_ID, namespace: 'gym' },
      ],
      { returnEntity: true },
    );
    expect(created.results?.map((r) => [r.itemMetadata?.originalIndex, r.itemMetadata?.success])).toEqual([
      [0, true],
      [1, true],
    ]);
    expect(created.results?.[0]?.item?._id).toBe(created.results?.[0]?.itemMetadata?._id);
    expect(created.bulkActionMetadata).toMatchObject({ totalSuccesses: 2, totalFailures: 0 });

    const { items } = await sdk.items
      .queryItems()
      .eq('externalId', 'p-1')
      .eq('providerAppId', WIX_STORES_APP_ID)
      .find();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ itemSetId, category: 'shirts', namespace: 'gym' });
    const inSet = await sdk.items.queryItems().eq('itemSetId', itemSetId).find();
    expect(inSet.items.map((i) => i.externalId).sort()).toEqual(
      [gym.benefits.gym10.productId, 'p-1', 'p-2'].sort(),
    );
    const byCategory = await sdk.items.queryItems({ filter: { category: 'shirts', namespace: 'gym' } });
    expect(byCategory.items?.map((i) => i.externalId)).toEqual(['p-1']);
  });

  it('reports an item already in its item set as a failed result, without the entity unless asked', async () => {
    const { productId, itemSetId } = gym.benefits.gym20;
    const again = await sdk.items.bulkCreateItems([
      { externalId: productId, itemSetId, providerAppId: WIX_STORES_APP_ID, namespace: 'gym' },
      { externalId: 'new', itemSetId, providerAppId: WIX_STORES_APP_ID, namespace: 'gym' },
    ]);
    expect(again.results?.[0]?.itemMetadata).toMatchObject({
      success: false,
      error: { code: 'ALREADY_EXISTS' },
    });
    expect(again.results?.[1]?.itemMetadata?.success).toBe(true);
    expect(again.results?.[1]?.item).toBeUndefined();
  });
});

describe('provisioning', () => {
  it('creates the program, one pool per linked pool definition and a balance per pool', async () => {
    const bonus = await sdk.poolDefinitions.createPoolDefinition({
      displayName: 'Welcome credit',
      namespace: 'gym',
      programDefinitionIds: [gym.programDefinitionId],
      details: { benefits: [], creditConfiguration: { amount: '3' } },
    });
    const res = await sdk.programs.provisionProgram(
      { programDefinitionId: gym.programDefinitionId },
      { beneficiary: { memberId: 'm-1' }, namespace: 'gym', externalProgramId: 'ext-1', displayName: 'Ann' },
    );
    expect(res.jobId).toBeTruthy();
    expect(res.program).toMatchObject({
      status: 'ACTIVE',
      beneficiary: { memberId: 'm-1' },
      namespace: 'gym',
      externalId: 'ext-1',
      programDefinitionId: gym.programDefinitionId,
      programDefinition: { _id: gym.programDefinitionId },
    });
    const programId = res.program?._id ?? '';
    const { items: pools } = await sdk.pools.queryPools().eq('programId', programId).find();
    expect(pools.map((p) => p.poolDefinitionId).sort()).toEqual([gym.poolDefinitionId, bonus._id].sort());
    for (const pool of pools) {
      expect(pool).toMatchObject({ status: 'ACTIVE', renewalCount: 0, beneficiary: { memberId: 'm-1' } });
      expect(pool.program?._id).toBe(programId);
    }
    const gymPool = pools.find((p) => p.poolDefinitionId === gym.poolDefinitionId);
    const bonusPool = pools.find((p) => p.poolDefinitionId === bonus._id);
    expect(gymPool?.details?.benefits?.map((b) => b.itemSetId)).toEqual([
      gym.benefits.gym10.itemSetId,
      gym.benefits.gym20.itemSetId,
      gym.benefits.gym30.itemSetId,
    ]);
    expect(await available(gymPool?._id ?? '')).toBe('0');
    expect(await available(bonusPool?._id ?? '')).toBe('3');
    // An initial credit is a transaction; an empty start is not.
    const gymTx = await sdk.transactions.queryTransactions().eq('pool.id', gymPool?._id).find();
    expect(gymTx.items).toHaveLength(0);
    const bonusTx = await sdk.transactions.queryTransactions().eq('pool.id', bonusPool?._id).find();
    expect(bonusTx.items.map((t) => [t.amount, t.source, t.target])).toEqual([
      ['3', 'EXTERNAL', 'AVAILABLE'],
    ]);
  });

  it('provisions from a single pool definition, paused when asked', async () => {
    const { program } = await sdk.programs.provisionProgram(
      { poolDefinitionId: gym.poolDefinitionId },
      {
        beneficiary: { memberId: 'm-2' },
        namespace: 'gym',
        externalProgramId: 'ext-2',
        programStatus: 'PAUSED',
      },
    );
    expect(program?.status).toBe('PAUSED');
    const { items } = await sdk.pools.queryPools().eq('programId', program?._id).find();
    expect(items.map((p) => [p.poolDefinitionId, p.status])).toEqual([[gym.poolDefinitionId, 'PAUSED']]);
    expect((await sdk.balances.getBalance(items[0]?._id ?? '')).poolInfo?.status).toBe('PAUSED');
  });

  it('refuses a second program with the same external id in a namespace', async () => {
    await enrollMember(sdk, gym, 'm-1', { externalProgramId: 'same' });
    const err = await rejection(enrollMember(sdk, gym, 'm-2', { externalProgramId: 'same' }));
    expect(err).toMatchObject({
      code: 'PROGRAM_ALREADY_EXISTS',
      status: 409,
      data: { externalProgramId: 'same', namespace: 'gym' },
    });
    const other = await createGymSample(sdk, { namespace: 'other' });
    await expect(enrollMember(sdk, other, 'm-2', { externalProgramId: 'same' })).resolves.toBeTruthy();
  });

  it('gets a program by id and by namespace and external id', async () => {
    const { programId } = await enrollMember(sdk, gym, 'm-1', { externalProgramId: 'ext-9' });
    expect((await sdk.programs.getProgram(programId))._id).toBe(programId);
    const found = await sdk.programs.getProgramByExternalIdAndNamespace('gym', { externalId: 'ext-9' });
    expect(found.program?._id).toBe(programId);
    expect((await rejection(sdk.programs.getProgram(randomUUID()))).code).toBe('PROGRAM_NOT_FOUND');
    const missing = sdk.programs.getProgramByExternalIdAndNamespace('other', { externalId: 'ext-9' });
    expect((await rejection(missing)).code).toBe('PROGRAM_NOT_FOUND');
  });
});
