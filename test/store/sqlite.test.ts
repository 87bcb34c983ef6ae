import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store';
import { describeStoreContract } from './contract';
import { redemption, event as statusEvent, T0 } from './contract/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'rb-store-'));
let files = 0;
const freshFile = (): string => join(dir, `store-${++files}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('store on SQLite :memory:', () => createStore({ sqliteFile: ':memory:' }));
describeStoreContract('store on a SQLite file', () => createStore({ sqliteFile: freshFile() }));

describe('store on a SQLite file, beyond the contract', () => {
  it('defaults to an in-memory database', async () => {
    const store = await createStore({});
    expect(await store.redemptions.get('x')).toBeUndefined();
    await store.close();
  });

  it('uses WAL and keeps data across reopen (migrations run once)', async () => {
    const file = freshFile();
    const first = await createStore({ sqliteFile: file });
    const r = redemption();
    await first.redemptions.insert(r, statusEvent(r, 'SUBMITTED'));
    expect(existsSync(`${file}-wal`)).toBe(true);
    await first.close();
    const second = await createStore({ sqliteFile: file });
    expect(await second.redemptions.get(r.id)).toEqual(r);
    await second.close();
  });

  it('two stores on one file race 20 claims of one lease: one acquired', async () => {
    const file = freshFile();
    const a = await createStore({ sqliteFile: file });
    const b = await createStore({ sqliteFile: file });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).leases.claim('idem-x', `o${i}`, T0, 5_000)),
    );
    expect(results.filter((r) => r.kind === 'acquired')).toHaveLength(1);
    await Promise.all([a.close(), b.close()]);
  });
});
