import { expect, it } from 'vitest';
import type { Store } from '../../../src/core/ports/store';
import { catalogEntry, enrollment, iso, uid } from './fixtures';

export function memberCases(store: () => Store): void {
  it('members: upsert merges (non-null wins, createdAt kept); email and document compare normalized', async () => {
    const memberId = uid('m');
    const email = `${uid('Ana')}@Example.COM`;
    await store().members.upsert({ memberId, contactId: 'c_1', email, document: null, createdAt: iso(0) });
    await store().members.upsert({
      memberId,
      contactId: null,
      email: null,
      document: '123.456.789-09',
      createdAt: iso(9_000),
    });
    const expected = {
      memberId,
      contactId: 'c_1',
      email: email.toLowerCase(),
      document: '12345678909',
      createdAt: iso(0),
    };
    expect(await store().members.get(memberId)).toEqual(expected);
    expect(await store().members.findByEmail(email.toUpperCase())).toEqual(expected);
    expect(await store().members.findByEmail(email.toLowerCase())).toEqual(expected);
    expect(await store().members.findByEmail(` ${email} `)).toEqual(expected);
    expect(await store().members.findByDocument('12345678909')).toEqual(expected);
    expect(await store().members.findByDocument('123.456.789-09')).toEqual(expected);
    expect(await store().members.findByEmail('nobody@example.com')).toBeUndefined();
    expect(await store().members.get('missing')).toBeUndefined();

    await store().members.upsert({
      memberId,
      contactId: 'c_2',
      email: null,
      document: null,
      createdAt: iso(0),
    });
    expect((await store().members.get(memberId))?.contactId).toBe('c_2');
  });

  it('members: link, relink, move, unlink, resolve', async () => {
    const ext = uid('u');
    await store().members.link('expys', ext, 'm_1');
    await store().members.link('expys', ext, 'm_1');
    expect(await store().members.resolveLink('expys', ext)).toBe('m_1');
    expect(await store().members.resolveLink('other', ext)).toBeUndefined();
    await store().members.link('expys', ext, 'm_2');
    expect(await store().members.resolveLink('expys', ext)).toBe('m_2');
    expect(await store().members.unlink('expys', ext)).toBe(true);
    expect(await store().members.unlink('expys', ext)).toBe(false);
    expect(await store().members.resolveLink('expys', ext)).toBeUndefined();
  });
}

export function enrollmentCases(store: () => Store): void {
  it('enrollments: upsert by member, get, listActive by member id keyset', async () => {
    const ids = ['e_a', 'e_b', 'e_c', 'e_d', 'e_e'];
    for (const memberId of ids) {
      await store().enrollments.upsert(
        enrollment({ memberId, status: memberId === 'e_c' ? 'ENDED' : 'ACTIVE' }),
      );
    }
    const updated = enrollment({
      memberId: 'e_a',
      cyclesRenewed: 3,
      loyaltyAccountId: 'acc_1',
      poolId: null,
    });
    await store().enrollments.upsert(updated);
    expect(await store().enrollments.get('e_a')).toEqual(updated);
    expect(await store().enrollments.get('missing')).toBeUndefined();

    const first = await store().enrollments.listActive(2);
    expect(first.map((e) => e.memberId)).toEqual(['e_a', 'e_b']);
    const second = await store().enrollments.listActive(2, 'e_b');
    expect(second.map((e) => e.memberId)).toEqual(['e_d', 'e_e']);
    expect(await store().enrollments.listActive(2, 'e_e')).toEqual([]);
  });
}

export function catalogCases(store: () => Store): void {
  it('catalog: upsert by id, get, find by benefit and reward', async () => {
    const entry = catalogEntry({
      description: 'hot',
      stock: 5,
      repeatable: true,
      price: 12.5,
      product: { externalId: 'sku-1', name: 'Shoes', mode: 'percent', value: 20 },
    });
    await store().catalog.upsert(entry);
    expect(await store().catalog.get(entry.id)).toEqual(entry);
    const updated = { ...entry, title: 'Espresso', stock: null, updatedAt: iso(1_000) };
    await store().catalog.upsert(updated);
    expect(await store().catalog.get(entry.id)).toEqual(updated);
    expect(await store().catalog.findByBenefitExternalId(entry.benefit?.externalId ?? '')).toEqual(updated);

    const rewardId = uid('rw');
    const reward = catalogEntry({ currency: 'points', benefit: null, reward: { rewardId }, active: false });
    await store().catalog.upsert(reward);
    expect(await store().catalog.findByRewardId(rewardId)).toEqual(reward);
    expect(await store().catalog.findByRewardId('missing')).toBeUndefined();
    expect(await store().catalog.get('missing')).toBeUndefined();
  });

  it('catalog: list shows active entries by (price, id), filtered by currency, paged', async () => {
    const entries = [
      catalogEntry({ id: 'c_1', price: 30 }),
      catalogEntry({ id: 'c_2', price: 10 }),
      catalogEntry({ id: 'c_3', price: 10 }),
      catalogEntry({ id: 'c_4', price: 20, active: false }),
      catalogEntry({ id: 'c_5', price: 5, currency: 'points', benefit: null, reward: { rewardId: 'rw_5' } }),
      catalogEntry({ id: 'c_6', price: 40 }),
    ];
    for (const e of entries) await store().catalog.upsert(e);

    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<Store['catalog']['list']>> = await store().catalog.list({
        currency: 'tokens',
        limit: 2,
        cursor,
      });
      ids.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(ids).toEqual(['c_2', 'c_3', 'c_1', 'c_6']);

    const all = await store().catalog.list({ limit: 100 });
    expect(all.items.map((e) => e.id)).toEqual(['c_5', 'c_2', 'c_3', 'c_1', 'c_6']);
    expect(all.nextCursor).toBeNull();
  });
}
