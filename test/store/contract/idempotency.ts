import { expect, it } from 'vitest';
import type { Claim, Store } from '../../../src/core/ports/store';
import { at, claimRequest, T0 } from './fixtures';

function acquired(result: Awaited<ReturnType<Store['idempotency']['claim']>>): Claim {
  if (result.kind !== 'acquired') throw new Error(`expected acquired, got ${result.kind}`);
  return result.claim;
}

export function idempotencyCases(store: () => Store): void {
  it('claim: first claim is acquired, not resumed', async () => {
    const req = claimRequest();
    const claim = acquired(await store().idempotency.claim(req));
    expect(claim).toMatchObject({ scope: req.scope, key: req.key, resumed: false });
    expect(claim.owner).toEqual(expect.any(String));
  });

  it('claim: a completed key replays its outcome byte for byte', async () => {
    const req = claimRequest();
    const claim = acquired(await store().idempotency.claim(req));
    const body = '{"b":1,  "a":"é\\u00e9 ✓","n":1.50}\n';
    expect(await store().idempotency.complete(claim, { ok: true, body }, at(10))).toBe(true);
    expect(await store().idempotency.claim({ ...req, now: at(60_000) })).toEqual({
      kind: 'completed',
      outcome: { ok: true, body },
    });

    const failed = claimRequest();
    const errClaim = acquired(await store().idempotency.claim(failed));
    const errBody = '{"code":"INSUFFICIENT_BALANCE","message":"Not enough tokens"}';
    await store().idempotency.complete(errClaim, { ok: false, body: errBody }, T0);
    expect(await store().idempotency.claim(failed)).toEqual({
      kind: 'completed',
      outcome: { ok: false, body: errBody },
    });
  });

  it('claim: another fingerprint under the same key is a mismatch (running or completed)', async () => {
    const req = claimRequest();
    const claim = acquired(await store().idempotency.claim(req));
    expect(await store().idempotency.claim({ ...req, fingerprint: 'other' })).toEqual({ kind: 'mismatch' });
    await store().idempotency.complete(claim, { ok: true, body: '{}' }, T0);
    expect(await store().idempotency.claim({ ...req, fingerprint: 'other' })).toEqual({ kind: 'mismatch' });
  });

  it('claim: the same key in another scope is independent', async () => {
    const req = claimRequest();
    acquired(await store().idempotency.claim(req));
    expect(acquired(await store().idempotency.claim({ ...req, scope: 'expys:acme' })).resumed).toBe(false);
  });

  it('claim: a live lease is in-use with the time left as retry hint', async () => {
    const req = claimRequest({ leaseMs: 30_000 });
    acquired(await store().idempotency.claim(req));
    expect(await store().idempotency.claim({ ...req, now: at(10_000) })).toEqual({
      kind: 'in-use',
      retryAfterMs: 20_000,
    });
    expect(await store().idempotency.claim({ ...req, now: at(29_999) })).toEqual({
      kind: 'in-use',
      retryAfterMs: 1,
    });
  });

  it('claim: an expired lease is taken over (resumed); the stale owner can no longer complete', async () => {
    const req = claimRequest({ leaseMs: 30_000 });
    const first = acquired(await store().idempotency.claim(req));
    const second = acquired(await store().idempotency.claim({ ...req, now: at(30_000) }));
    expect(second.resumed).toBe(true);
    expect(second.owner).not.toBe(first.owner);
    expect(await store().idempotency.complete(first, { ok: true, body: '"stale"' }, at(31_000))).toBe(false);
    expect(await store().idempotency.claim({ ...req, now: at(31_000) })).toMatchObject({ kind: 'in-use' });
    expect(await store().idempotency.complete(second, { ok: true, body: '"fresh"' }, at(31_000))).toBe(true);
    expect(await store().idempotency.complete(second, { ok: true, body: '"again"' }, at(32_000))).toBe(false);
    expect(await store().idempotency.claim(req)).toEqual({
      kind: 'completed',
      outcome: { ok: true, body: '"fresh"' },
    });
  });

  it('release: the next claim resumes at once; a stranger cannot release', async () => {
    const req = claimRequest();
    const first = acquired(await store().idempotency.claim(req));
    await store().idempotency.release({ ...first, owner: 'not-the-owner' });
    expect(await store().idempotency.claim(req)).toMatchObject({ kind: 'in-use' });
    await store().idempotency.release(first);
    const second = acquired(await store().idempotency.claim(req));
    expect(second.resumed).toBe(true);
    expect(await store().idempotency.complete(first, { ok: true, body: '1' }, T0)).toBe(false);
  });

  it('claim: 50 concurrent identical claims give exactly one acquired', async () => {
    const req = claimRequest();
    const results = await Promise.all(Array.from({ length: 50 }, () => store().idempotency.claim(req)));
    expect(results.filter((r) => r.kind === 'acquired')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'in-use')).toHaveLength(49);
  });

  it('claim: 20 concurrent takeovers of an expired lease give exactly one acquired', async () => {
    const req = claimRequest({ leaseMs: 1_000 });
    acquired(await store().idempotency.claim(req));
    const later = { ...req, now: at(5_000) };
    const results = await Promise.all(Array.from({ length: 20 }, () => store().idempotency.claim(later)));
    const winners = results.filter((r) => r.kind === 'acquired');
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ claim: { resumed: true } });
  });

  it('purgeCompletedBefore deletes only finished keys created before the date', async () => {
    const scope = 'purge';
    const old = claimRequest({ scope });
    const running = claimRequest({ scope });
    const recent = claimRequest({ scope, now: at(100_000) });
    await store().idempotency.complete(
      acquired(await store().idempotency.claim(old)),
      { ok: true, body: '1' },
      T0,
    );
    acquired(await store().idempotency.claim(running));
    const r = acquired(await store().idempotency.claim(recent));
    await store().idempotency.complete(r, { ok: true, body: '2' }, at(100_000));

    expect(await store().idempotency.purgeCompletedBefore(at(50_000))).toBe(1);
    expect(acquired(await store().idempotency.claim(old)).resumed).toBe(false);
    expect(await store().idempotency.claim(running)).toMatchObject({ kind: 'in-use' });
    expect(await store().idempotency.claim(recent)).toMatchObject({ kind: 'completed' });
  });
}
