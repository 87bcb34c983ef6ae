import { expect, it } from 'vitest';
import type { Store } from '../../../src/core/ports/store';
import { event, iso, keyRequest, redemption, uid } from './fixtures';

export function transactionCases(store: () => Store): void {
  it('transaction: a throw rolls back every write', async () => {
    const r = redemption();
    const memberId = uid('m');
    const req = keyRequest();
    await expect(
      store().transaction(async (tx) => {
        await tx.idempotency.open(req);
        await tx.redemptions.insert(r, event(r, 'SUBMITTED'));
        await tx.redemptions.transition(r.id, ['SUBMITTED'], {}, event(r, 'OPEN', 1));
        await tx.members.upsert({
          memberId,
          contactId: null,
          email: null,
          document: null,
          createdAt: iso(0),
        });
        await tx.leases.claim(memberId, 'a', new Date(iso(0)), 1_000);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store().redemptions.get(r.id)).toBeUndefined();
    expect(await store().redemptions.events(r.id)).toEqual([]);
    expect(await store().members.get(memberId)).toBeUndefined();
    expect(await store().idempotency.open({ ...req, fingerprint: 'another' })).toEqual({ kind: 'running' });
    expect(await store().leases.claim(memberId, 'b', new Date(iso(0)), 1_000)).toMatchObject({
      kind: 'acquired',
      fence: 1,
    });
  });

  it('transaction: writes through its repos commit together and the result is returned', async () => {
    const r = redemption();
    const result = await store().transaction(async (tx) => {
      await tx.redemptions.insert(r, event(r, 'SUBMITTED'));
      const moved = await tx.redemptions.transition(r.id, ['SUBMITTED'], {}, event(r, 'OPEN', 1));
      return moved?.status;
    });
    expect(result).toBe('OPEN');
    expect((await store().redemptions.events(r.id)).map((e) => e.status)).toEqual(['SUBMITTED', 'OPEN']);
  });
}
