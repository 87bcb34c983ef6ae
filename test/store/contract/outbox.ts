import { expect, it } from 'vitest';
import type { OutboundEvent, WebhookEndpoint } from '../../../src/core/ports/outbox';
import type { Store } from '../../../src/core/ports/store';
import { at, event, iso, redemption, T0, uid } from './fixtures';

const endpoint = (overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint => ({
  id: uid('whk'),
  integration: uid('int'),
  url: 'https://example.com/hook',
  events: ['redemption.created'],
  secret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0',
  createdAt: iso(0),
  disabledAt: null,
  ...overrides,
});

const outbound = (type = 'redemption.created'): OutboundEvent => ({
  eventId: uid('evt'),
  type,
  payload: `{"type":"${type}","n":"é"}`,
});

/** Only this case's deliveries (a shared database holds other cases' rows too). */
const mine = async (store: Store, ids: Set<string>, now: Date) =>
  (await store.outbox.claimDue(now, 1000, 30_000)).filter((d) => ids.has(d.endpoint.id));

export function outboxCases(store: () => Store): void {
  it('outbox: endpoints belong to their integration, newest first; disabling is soft and scoped', async () => {
    const a = endpoint({ createdAt: iso(0) });
    const b = endpoint({
      integration: a.integration,
      createdAt: iso(1000),
      events: ['wallet.credited', 'x'],
    });
    const other = endpoint();
    for (const e of [a, b, other]) await store().outbox.addEndpoint(e);
    expect(await store().outbox.listEndpoints(a.integration)).toEqual([b, a]);
    expect(await store().outbox.disableEndpoint(other.integration, a.id, iso(5))).toBeUndefined();
    expect(await store().outbox.disableEndpoint(a.integration, a.id, iso(5))).toEqual({
      ...a,
      disabledAt: iso(5),
    });
    // Disabling again keeps the first time.
    expect((await store().outbox.disableEndpoint(a.integration, a.id, iso(9)))?.disabledAt).toBe(iso(5));
  });

  it('outbox: one delivery per active subscribed endpoint; the same event twice stays one', async () => {
    const a = endpoint();
    const b = endpoint({ integration: a.integration, events: ['redemption.created', 'wallet.debited'] });
    const off = endpoint({ integration: a.integration, disabledAt: iso(0) });
    const deaf = endpoint({ integration: a.integration, events: ['wallet.debited'] });
    for (const e of [a, b, off, deaf]) await store().outbox.addEndpoint(e);
    const e1 = outbound();
    expect(await store().outbox.enqueue(a.integration, e1, T0)).toBe(2);
    await store().outbox.enqueue(a.integration, e1, T0);
    const ids = new Set([a.id, b.id, off.id, deaf.id]);
    const due = await mine(store(), ids, T0);
    expect(due.map((d) => d.endpoint.id).sort()).toEqual([a.id, b.id].sort());
    expect(due[0]).toMatchObject({ eventId: e1.eventId, type: e1.type, payload: e1.payload, attempts: 0 });
    expect(new Set(due.map((d) => d.id)).size).toBe(2);
  });

  it('outbox: a claimed delivery is leased; failures wait for their next attempt; delivered ones are done', async () => {
    const a = endpoint();
    await store().outbox.addEndpoint(a);
    await store().outbox.enqueue(a.integration, outbound(), T0);
    const ids = new Set([a.id]);
    const [first] = await mine(store(), ids, T0);
    expect(first).toBeDefined();
    expect(await mine(store(), ids, at(1000))).toEqual([]);
    const id = first?.id ?? '';
    await store().outbox.markFailed(id, { error: 'HTTP 500', at: at(1000), nextAttemptAt: at(60_000) });
    expect(await mine(store(), ids, at(59_000))).toEqual([]);
    const [retry] = await mine(store(), ids, at(60_000));
    expect(retry).toMatchObject({ id, attempts: 1 });
    await store().outbox.markDelivered(id, at(61_000));
    expect(await mine(store(), ids, at(3_600_000))).toEqual([]);
    // A lease that runs out lets another worker take it; a given-up delivery never comes back.
    await store().outbox.enqueue(a.integration, outbound(), T0);
    const [leased] = await mine(store(), ids, T0);
    const [taken] = await mine(store(), ids, at(31_000));
    expect(taken?.id).toBe(leased?.id);
    await store().outbox.markFailed(taken?.id ?? '', { error: 'gone', at: at(31_000), nextAttemptAt: null });
    expect(await mine(store(), ids, at(10 * 3_600_000))).toEqual([]);
  });

  it('outbox: racing workers claim each delivery once', async () => {
    const a = endpoint();
    await store().outbox.addEndpoint(a);
    for (let i = 0; i < 10; i++) await store().outbox.enqueue(a.integration, outbound(), T0);
    const ids = new Set([a.id]);
    const claims = await Promise.all(Array.from({ length: 5 }, () => mine(store(), ids, T0)));
    const all = claims.flat().map((d) => d.id);
    expect(all).toHaveLength(10);
    expect(new Set(all).size).toBe(10);
  });

  it('outbox: each redemption status event is dispatched once', async () => {
    const r = redemption();
    await store().redemptions.insert(r, event(r, 'SUBMITTED'));
    await store().redemptions.transition(r.id, ['SUBMITTED'], {}, event(r, 'OPEN', 10));
    const pending = (await store().outbox.undispatched(10_000)).filter((e) => e.redemptionId === r.id);
    expect(pending).toEqual([
      { redemptionId: r.id, seq: 1, channel: r.channel },
      { redemptionId: r.id, seq: 2, channel: r.channel },
    ]);
    const racing = await Promise.all(
      [1, 2, 3].map(() => store().outbox.claimDispatch({ redemptionId: r.id, seq: 1 }, T0)),
    );
    expect(racing.filter(Boolean)).toHaveLength(1);
    const left = (await store().outbox.undispatched(10_000)).filter((e) => e.redemptionId === r.id);
    expect(left).toEqual([{ redemptionId: r.id, seq: 2, channel: r.channel }]);
  });

  it('outbox: a channel nobody listens to is marked in bulk, other channels untouched', async () => {
    const quiet = uid('quiet');
    const a = redemption({ channel: quiet });
    const b = redemption({ channel: quiet });
    const other = redemption({ channel: uid('loud') });
    for (const r of [a, b, other]) await store().redemptions.insert(r, event(r, 'SUBMITTED'));
    expect(await store().outbox.skipChannel(quiet, T0)).toBe(2);
    const pending = (await store().outbox.undispatched(10_000)).map((e) => e.redemptionId);
    expect(pending).toContain(other.id);
    expect(pending).not.toContain(a.id);
    expect(pending).not.toContain(b.id);
  });

  it('redemptions count by status per member and channel; members know their partner ids', async () => {
    const memberId = uid('m');
    for (const [status, channel] of [
      ['SUBMITTED', 'acme'],
      ['SUBMITTED', 'acme'],
      ['CANCELED', 'acme'],
      ['SUBMITTED', 'site'],
    ] as const) {
      const r = redemption({ memberId, status, channel });
      await store().redemptions.insert(r, event(r, status));
    }
    expect(await store().redemptions.countByStatus({ memberId, channel: 'acme' })).toEqual({
      SUBMITTED: 2,
      CANCELED: 1,
    });
    expect(await store().redemptions.countByStatus({ memberId: uid('m'), channel: 'acme' })).toEqual({});
    await store().members.link('acme', 'u-b', memberId);
    await store().members.link('acme', 'u-a', memberId);
    expect(await store().members.externalIdOf('acme', memberId)).toBe('u-a');
    expect(await store().members.externalIdOf('other', memberId)).toBeUndefined();
  });

  it('partner profiles: save replaces but keeps the first createdAt; remove', async () => {
    const integration = uid('int');
    const profile = {
      integration,
      externalId: 'u-1',
      displayName: 'Ann',
      tier: 'gold',
      attributes: { email: 'ann@example.com', nested: { n: 1 } },
      createdAt: iso(0),
      updatedAt: iso(0),
    };
    await store().partnerProfiles.save(profile);
    expect(await store().partnerProfiles.get(integration, 'u-1')).toEqual(profile);
    await store().partnerProfiles.save({
      ...profile,
      tier: null,
      attributes: null,
      createdAt: iso(500),
      updatedAt: iso(500),
    });
    expect(await store().partnerProfiles.get(integration, 'u-1')).toEqual({
      ...profile,
      tier: null,
      attributes: null,
      updatedAt: iso(500),
    });
    expect(await store().partnerProfiles.remove(integration, 'u-1')).toBe(true);
    expect(await store().partnerProfiles.remove(integration, 'u-1')).toBe(false);
    expect(await store().partnerProfiles.get(integration, 'u-1')).toBeUndefined();
  });
}
