import { expect, it } from 'vitest';
import type { Store } from '../../../src/core/ports/store';
import { at, T0, uid } from './fixtures';

export function lockCases(store: () => Store): void {
  it('locks: exactly one of 20 concurrent tryAcquire wins', async () => {
    const name = uid('member');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store().locks.tryAcquire(name, `owner-${i}`, T0, 10_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('locks: an expired lock is taken over; re-acquiring by the owner extends it', async () => {
    const name = uid('member');
    expect(await store().locks.tryAcquire(name, 'a', T0, 10_000)).toBe(true);
    expect(await store().locks.tryAcquire(name, 'b', at(9_999), 10_000)).toBe(false);
    expect(await store().locks.tryAcquire(name, 'a', at(5_000), 10_000)).toBe(true);
    expect(await store().locks.tryAcquire(name, 'b', at(12_000), 10_000)).toBe(false);
    expect(await store().locks.tryAcquire(name, 'b', at(15_000), 10_000)).toBe(true);
    expect(await store().locks.tryAcquire(name, 'a', at(16_000), 10_000)).toBe(false);
  });

  it('locks: only the owner releases', async () => {
    const name = uid('member');
    await store().locks.tryAcquire(name, 'a', T0, 10_000);
    await store().locks.release(name, 'b');
    expect(await store().locks.tryAcquire(name, 'b', T0, 10_000)).toBe(false);
    await store().locks.release(name, 'a');
    expect(await store().locks.tryAcquire(name, 'b', T0, 10_000)).toBe(true);
  });

  it('locks: names are independent', async () => {
    expect(await store().locks.tryAcquire(uid('x'), 'a', T0, 10_000)).toBe(true);
    expect(await store().locks.tryAcquire(uid('y'), 'b', T0, 10_000)).toBe(true);
  });
}
