import { expect, it } from 'vitest';
import type { Store } from '../../../src/core/ports/store';
import { at, keyRequest, T0 } from './fixtures';

export function idempotencyCases(store: () => Store): void {
  it('keys: a new key is running; a completed one replays its outcome byte for byte', async () => {
    const req = keyRequest();
    expect(await store().idempotency.open(req)).toEqual({ kind: 'running' });
    expect(await store().idempotency.open(req)).toEqual({ kind: 'running' });
    const body = '{"b":1,  "a":"é\\u00e9 ✓","n":1.50}\n';
    expect(await store().idempotency.complete(req.scope, req.key, { ok: true, body }, at(10))).toBe(true);
    expect(await store().idempotency.complete(req.scope, req.key, { ok: true, body: '2' }, at(10))).toBe(
      false,
    );
    expect(await store().idempotency.open({ ...req, now: at(60_000) })).toEqual({
      kind: 'completed',
      outcome: { ok: true, body },
    });

    const failed = keyRequest();
    await store().idempotency.open(failed);
    const errBody = '{"code":"INSUFFICIENT_BALANCE","message":"Not enough tokens"}';
    await store().idempotency.complete(failed.scope, failed.key, { ok: false, body: errBody }, T0);
    expect(await store().idempotency.open(failed)).toEqual({
      kind: 'completed',
      outcome: { ok: false, body: errBody },
    });
  });

  it('keys: another fingerprint under the same key is a mismatch (running or completed)', async () => {
    const req = keyRequest();
    await store().idempotency.open(req);
    expect(await store().idempotency.open({ ...req, fingerprint: 'other' })).toEqual({ kind: 'mismatch' });
    await store().idempotency.complete(req.scope, req.key, { ok: true, body: '{}' }, T0);
    expect(await store().idempotency.open({ ...req, fingerprint: 'other' })).toEqual({ kind: 'mismatch' });
    expect(await store().idempotency.open({ ...req, scope: 'expys:acme' })).toEqual({ kind: 'running' });
  });

  it('keys: read says what a key is and records nothing', async () => {
    const req = keyRequest();
    expect(await store().idempotency.read(req)).toEqual({ kind: 'running' });
    // Nothing was recorded: another request may still take the key.
    expect(await store().idempotency.open({ ...req, fingerprint: 'other' })).toEqual({ kind: 'running' });
    expect(await store().idempotency.read(req)).toEqual({ kind: 'mismatch' });
    await store().idempotency.complete(req.scope, req.key, { ok: true, body: '{"x":1}' }, T0);
    expect(await store().idempotency.read({ ...req, fingerprint: 'other' })).toEqual({
      kind: 'completed',
      outcome: { ok: true, body: '{"x":1}' },
    });
  });

  it('purgeCompletedBefore deletes only finished keys created before the date', async () => {
    const scope = 'purge';
    const old = keyRequest({ scope });
    const running = keyRequest({ scope });
    const recent = keyRequest({ scope, now: at(100_000) });
    for (const req of [old, running, recent]) await store().idempotency.open(req);
    await store().idempotency.complete(scope, old.key, { ok: true, body: '1' }, T0);
    await store().idempotency.complete(scope, recent.key, { ok: true, body: '2' }, at(100_000));

    expect(await store().idempotency.purgeCompletedBefore(at(50_000))).toBe(1);
    expect(await store().idempotency.open({ ...old, fingerprint: 'new' })).toEqual({ kind: 'running' });
    expect(await store().idempotency.open(running)).toEqual({ kind: 'running' });
    expect(await store().idempotency.open(recent)).toMatchObject({ kind: 'completed' });
  });
}
