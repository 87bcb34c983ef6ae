import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store';
import { enrollment, redemption, event as statusEvent } from './contract/fixtures';

// The SQLite store commits the writes of concurrent callers together (src/store/group-commit.ts). Another
// store on the same file is a reader that sees only what is committed: what it sees tells what is durable.
const dir = mkdtempSync(join(tmpdir(), 'rb-group-commit-'));
let files = 0;
const freshFile = (): string => join(dir, `store-${++files}.db`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function twoStores() {
  const file = freshFile();
  const writer = await createStore({ sqliteFile: file });
  const reader = await createStore({ sqliteFile: file });
  return { writer, reader, close: () => Promise.all([writer.close(), reader.close()]) };
}

describe('SQLite store: concurrent writes committed together', () => {
  it('answers a write only once it is committed', async () => {
    const { writer, reader, close } = await twoStores();
    const rows = Array.from({ length: 40 }, () => enrollment());
    const seen = await Promise.all(
      rows.map(async (e, i) => {
        // Single statements and transactions alike.
        if (i % 2 === 0) await writer.enrollments.upsert(e);
        else await writer.transaction((tx) => tx.enrollments.upsert(e));
        // Read at once through another connection: it sees committed rows only.
        return (await reader.enrollments.get(e.memberId))?.memberId;
      }),
    );
    expect(seen).toEqual(rows.map((e) => e.memberId));
    await close();
  });

  it('a failed write or a rolled-back transaction among them undoes only itself', async () => {
    const { writer, reader, close } = await twoStores();
    const kept = Array.from({ length: 10 }, () => redemption());
    const [first] = kept;
    if (!first) throw new Error('no rows');
    await writer.redemptions.insert(first, statusEvent(first, 'SUBMITTED'));
    const undone = redemption();
    const outcomes = await Promise.allSettled([
      ...kept.slice(1).map((r) => writer.redemptions.insert(r, statusEvent(r, 'SUBMITTED'))),
      // The same id again: refused by its primary key.
      writer.redemptions.insert(first, statusEvent(first, 'SUBMITTED')),
      writer.transaction(async (tx) => {
        await tx.redemptions.insert(undone, statusEvent(undone, 'SUBMITTED'));
        throw new Error('changed my mind');
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      ...kept.slice(1).map(() => 'fulfilled'),
      'rejected',
      'rejected',
    ]);
    expect(String((outcomes.at(-1) as PromiseRejectedResult).reason)).toContain('changed my mind');
    for (const r of kept) expect(await reader.redemptions.get(r.id)).toEqual(r);
    expect(await reader.redemptions.get(undone.id)).toBeUndefined();
    expect(await writer.redemptions.get(undone.id)).toBeUndefined();
    await close();
  });

  it('a transaction sees its own writes while others wait, and lands whole', async () => {
    const { writer, reader, close } = await twoStores();
    const a = redemption();
    const b = redemption();
    const outside = enrollment();
    let outsideWritten: Promise<void> = Promise.resolve();
    const inside = await writer.transaction(async (tx) => {
      await tx.redemptions.insert(a, statusEvent(a, 'SUBMITTED'));
      // A write from outside, started while the transaction is open: it waits for the transaction to end.
      outsideWritten = writer.enrollments.upsert(outside);
      const own = await tx.redemptions.get(a.id);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const notYet = await tx.enrollments.get(outside.memberId);
      await tx.redemptions.insert(b, statusEvent(b, 'SUBMITTED'));
      return { own: own?.id, notYet };
    });
    await outsideWritten;
    expect(inside).toEqual({ own: a.id, notYet: undefined });
    for (const r of [a, b]) expect(await reader.redemptions.get(r.id)).toEqual(r);
    expect(await reader.enrollments.get(outside.memberId)).toEqual(outside);
    await close();
  });

  it('commits at once on a calm loop, and at the end of the turn on one busy all the time', async () => {
    const { writer, reader, close } = await twoStores();
    const order = async (write: () => Promise<unknown>) => {
      const seen: string[] = [];
      setImmediate(() => seen.push('turn ended'));
      await write();
      seen.push('written');
      return seen;
    };
    const calm = enrollment();
    await sleep(300);
    expect(await order(() => writer.enrollments.upsert(calm))).toEqual(['written']);
    expect((await reader.enrollments.get(calm.memberId))?.memberId).toBe(calm.memberId);

    // CPU-bound for longer than one reading of the loop's utilization: requests would queue behind it.
    const busy = enrollment();
    const until = Date.now() + 400;
    while (Date.now() < until) {}
    expect(await order(() => writer.enrollments.upsert(busy))).toEqual(['turn ended', 'written']);
    expect((await reader.enrollments.get(busy.memberId))?.memberId).toBe(busy.memberId);

    // And calm again once it is.
    await sleep(300);
    expect(await order(() => writer.enrollments.upsert(enrollment()))).toEqual(['written']);
    await close();
  });
});
