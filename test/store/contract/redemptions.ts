import { expect, it } from 'vitest';
import type { Store } from '../../../src/core/ports/store';
import type { Redemption } from '../../../src/core/redemption';
import { event, iso, redemption, uid } from './fixtures';

async function listAll(store: Store, filter: { memberId?: string; channel?: string }, limit: number) {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<Store['redemptions']['list']>> = await store.redemptions.list({
      ...filter,
      limit,
      cursor,
    });
    pages.push(page.items.map((r) => r.id));
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 20);
  return pages;
}

export function redemptionCases(store: () => Store): void {
  it('redemptions: insert, get and the first event round-trip', async () => {
    const r = redemption({ externalCode: uid('code') });
    await store().redemptions.insert(r, event(r, 'SUBMITTED', 0, { note: 'hello' }));
    expect(await store().redemptions.get(r.id)).toEqual(r);
    expect(await store().redemptions.events(r.id)).toEqual([event(r, 'SUBMITTED', 0, { note: 'hello' })]);
    expect(await store().redemptions.get('missing')).toBeUndefined();
  });

  it('redemptions: a failed insert leaves no event behind', async () => {
    const r = redemption();
    await store().redemptions.insert(r, event(r, 'SUBMITTED'));
    await expect(store().redemptions.insert(r, event(r, 'OPEN', 5))).rejects.toThrow();
    expect(await store().redemptions.events(r.id)).toHaveLength(1);
  });

  it('redemptions: findByExternalCode; the code is unique', async () => {
    const code = uid('order');
    const r = redemption({ externalCode: code });
    await store().redemptions.insert(r, event(r, 'SUBMITTED'));
    expect((await store().redemptions.findByExternalCode(code))?.id).toBe(r.id);
    expect(await store().redemptions.findByExternalCode('nope')).toBeUndefined();
    const dup = redemption({ externalCode: code });
    await expect(store().redemptions.insert(dup, event(dup, 'SUBMITTED'))).rejects.toThrow();
  });

  it('redemptions: list pages newest first by a cursor until null, with filters', async () => {
    const memberId = uid('m');
    const made: Redemption[] = [];
    for (let i = 0; i < 7; i++) {
      // Two pairs share a createdAt so the id tie-break is exercised.
      const ms = [0, 1000, 1000, 2000, 3000, 3000, 4000][i] ?? 0;
      const r = redemption({
        id: `r_${memberId}_${i}`,
        memberId,
        channel: i % 2 === 0 ? 'site' : 'expys',
        status: i < 3 ? 'COMPLETED' : 'SUBMITTED',
        createdAt: iso(ms),
        updatedAt: iso(ms),
      });
      made.push(r);
      await store().redemptions.insert(r, event(r, r.status, ms));
    }
    const other = redemption({ memberId: uid('m') });
    await store().redemptions.insert(other, event(other, 'SUBMITTED'));

    const newestFirst = [...made]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
      .map((r) => r.id);
    const pages = await listAll(store(), { memberId }, 3);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(newestFirst);

    const six = await listAll(store(), { memberId, channel: 'site' }, 2);
    expect(six.flat()).toEqual(newestFirst.filter((id) => made.find((r) => r.id === id)?.channel === 'site'));
    expect(six.map((p) => p.length)).toEqual([2, 2]);

    const completed = await store().redemptions.list({ memberId, status: 'COMPLETED', limit: 100 });
    expect(completed.items.map((r) => r.id)).toEqual([made[2]?.id, made[1]?.id, made[0]?.id]);
    expect(completed.nextCursor).toBeNull();

    const all = await store().redemptions.list({ limit: 100 });
    expect(all.items.map((r) => r.id)).toContain(other.id);
  });

  it('redemptions: a malformed cursor is a validation error', async () => {
    await expect(store().redemptions.list({ limit: 3, cursor: 'garbage!' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('redemptions: transition is compare-and-set, merges the patch and appends the event', async () => {
    const r = redemption({ wix: { transactionId: 'tx_1', loyaltyAccountId: 'acc_1' } });
    await store().redemptions.insert(r, event(r, 'SUBMITTED'));
    const code = uid('code');
    const moved = await store().redemptions.transition(
      r.id,
      ['SUBMITTED', 'OPEN'],
      { wix: { couponId: 'cp_1', couponCode: 'SAVE' }, externalCode: code },
      event(r, 'PURCHASED', 5_000, { actor: 'system' }),
    );
    expect(moved).toEqual({
      ...r,
      status: 'PURCHASED',
      wix: { transactionId: 'tx_1', loyaltyAccountId: 'acc_1', couponId: 'cp_1', couponCode: 'SAVE' },
      externalCode: code,
      updatedAt: iso(5_000),
    });
    expect(await store().redemptions.get(r.id)).toEqual(moved);
    expect(await store().redemptions.findByExternalCode(code)).toEqual(moved);

    const refused = await store().redemptions.transition(
      r.id,
      ['SUBMITTED'],
      {},
      event(r, 'CANCELED', 6_000),
    );
    expect(refused).toBeUndefined();
    expect((await store().redemptions.events(r.id)).map((e) => e.status)).toEqual(['SUBMITTED', 'PURCHASED']);

    // An undefined key in the wix patch leaves the stored value alone.
    const done = await store().redemptions.transition(
      r.id,
      ['PURCHASED'],
      { wix: { refundTransactionId: 'rf_1', couponId: undefined } },
      event(r, 'COMPLETED', 7_000),
    );
    expect(done?.wix).toEqual({ ...moved?.wix, refundTransactionId: 'rf_1' });
    expect((await store().redemptions.events(r.id)).map((e) => [e.status, e.at])).toEqual([
      ['SUBMITTED', iso(0)],
      ['PURCHASED', iso(5_000)],
      ['COMPLETED', iso(7_000)],
    ]);
    const missing = event({ id: 'missing' }, 'OPEN');
    expect(await store().redemptions.transition('missing', ['SUBMITTED'], {}, missing)).toBeUndefined();
  });

  it('redemptions: of two concurrent cancels exactly one wins and one event is appended', async () => {
    const r = redemption();
    await store().redemptions.insert(r, event(r, 'SUBMITTED'));
    const cancel = (who: string) =>
      store().redemptions.transition(
        r.id,
        ['SUBMITTED'],
        { canceledReason: who, canceledNote: `by ${who}` },
        event(r, 'CANCELED', 1_000, { actor: who }),
      );
    const results = await Promise.all([cancel('member'), cancel('admin:1')]);
    const winners = results.filter((x) => x !== undefined);
    expect(winners).toHaveLength(1);
    const events = await store().redemptions.events(r.id);
    expect(events.map((e) => e.status)).toEqual(['SUBMITTED', 'CANCELED']);
    expect(events[1]?.actor).toBe(winners[0]?.canceledReason);
    expect(await store().redemptions.get(r.id)).toMatchObject({ status: 'CANCELED', updatedAt: iso(1_000) });
  });
}
