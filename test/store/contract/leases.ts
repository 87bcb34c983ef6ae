import { expect, it } from 'vitest';
import type { LeaseClaim, LeaseRef } from '../../../src/core/ports/leases';
import type { Store } from '../../../src/core/ports/store';
import { at, T0, uid } from './fixtures';

function ref(name: string, owner: string, claim: LeaseClaim): LeaseRef {
  if (claim.kind !== 'acquired') throw new Error(`expected acquired, got ${claim.kind}`);
  return { name, owner, fence: claim.fence };
}

export function leaseCases(store: () => Store): void {
  it('leases: exactly one of 20 concurrent claims wins; the others see the time left', async () => {
    const name = uid('lease');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store().leases.claim(name, `owner-${i}`, T0, 10_000)),
    );
    expect(results.filter((r) => r.kind === 'acquired')).toEqual([
      { kind: 'acquired', fence: 1, priorWixCallAt: null },
    ]);
    expect(results.filter((r) => r.kind === 'held')).toHaveLength(19);
    expect(await store().leases.claim(name, 'late', at(4_000), 10_000)).toEqual({
      kind: 'held',
      retryAfterMs: 6_000,
    });
  });

  it('leases: renewal keeps a lease; an expired one is taken over and fences the old holder out', async () => {
    const name = uid('lease');
    const a = ref(name, 'a', await store().leases.claim(name, 'a', T0, 10_000));
    expect(await store().leases.renew(a, at(8_000), 10_000)).toBe(true);
    expect(await store().leases.claim(name, 'b', at(15_000), 10_000)).toMatchObject({ kind: 'held' });
    const b = ref(name, 'b', await store().leases.claim(name, 'b', at(18_000), 10_000));
    expect(b.fence).toBe(2);
    expect(await store().leases.holds(a)).toBe(false);
    expect(await store().leases.renew(a, at(19_000), 10_000)).toBe(false);
    expect(await store().leases.markWixCall(a, at(19_000), 10_000)).toBe(false);
    expect(await store().leases.release(a)).toBe(false);
    expect(await store().leases.end(a)).toBe(false);
    expect(await store().leases.holds(b)).toBe(true);
  });

  it('leases: a taker learns when the lost holder last called Wix; a release forgets it', async () => {
    const name = uid('lease');
    const a = ref(name, 'a', await store().leases.claim(name, 'a', T0, 10_000));
    expect(await store().leases.markWixCall(a, at(5_000), 10_000)).toBe(true);
    // The mark extended the lease past the call.
    expect(await store().leases.claim(name, 'b', at(12_000), 10_000)).toMatchObject({ kind: 'held' });
    const taken = await store().leases.claim(name, 'b', at(15_000), 10_000);
    expect(taken).toEqual({ kind: 'acquired', fence: 2, priorWixCallAt: at(5_000) });
    const b = ref(name, 'b', taken);
    expect(await store().leases.markWixCall(b, at(16_000), 10_000)).toBe(true);
    expect(await store().leases.release(b)).toBe(true);
    expect(await store().leases.claim(name, 'c', at(16_000), 10_000)).toEqual({
      kind: 'acquired',
      fence: 3,
      priorWixCallAt: null,
    });
  });

  it('leases: an ended lease starts afresh; names are independent', async () => {
    const name = uid('lease');
    const a = ref(name, 'a', await store().leases.claim(name, 'a', T0, 10_000));
    expect(await store().leases.end(a)).toBe(true);
    expect(await store().leases.claim(name, 'b', T0, 10_000)).toMatchObject({ kind: 'acquired', fence: 1 });
    expect(await store().leases.claim(uid('other'), 'c', T0, 10_000)).toMatchObject({ kind: 'acquired' });
  });
}
