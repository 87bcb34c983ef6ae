import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renewSweep } from '../../src/core/lifecycle/renew-sweep';
import { parseEnv } from '../../src/server/env';
import { startRenewSchedule } from '../../src/server/schedule';
import { DAY, joined, startWebhookApp, visit, type WebhookTestApp } from './support';

describe('program lifecycle: the renew sweep and its schedule', () => {
  let t: WebhookTestApp;
  beforeEach(async () => {
    t = await startWebhookApp();
    t.addSiteMember('mia');
    await t.send('members', joined('mia', t.clock.now()));
  });
  afterEach(() => t.close());

  const sweep = () => renewSweep(t.running.deps, t.running.program.lifecycle);
  const visits = async (n: number) => {
    for (let i = 0; i < n; i++) {
      t.clock.advance(DAY);
      await t.send('gym-visits', visit('mia', t.clock.now()));
    }
  };

  it('renews once per month from the enrollment date, whoever runs the sweep and however often', async () => {
    await visits(8);
    t.clock.set('2026-01-31T23:00:00Z');
    expect(await sweep()).toMatchObject({ checked: 1, renewed: 0 });
    t.clock.set('2026-02-01T09:00:00Z');
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect((a?.renewed ?? 0) + (b?.renewed ?? 0)).toBe(1);
    expect(await sweep()).toMatchObject({ renewed: 0 });
    expect(await t.balance('mia')).toBe(5);
    expect((await t.running.deps.store.enrollments.get('mia'))?.cyclesRenewed).toBe(1);
  });

  it('catches up missed months in order, and ends at 12 months even if the sweep ran late', async () => {
    await visits(3);
    t.clock.set('2026-04-15T00:00:00Z');
    expect(await sweep()).toMatchObject({ renewed: 3, ended: 0 });
    expect(await t.balance('mia')).toBe(3);
    t.clock.set('2027-03-01T00:00:00Z');
    expect(await sweep()).toMatchObject({ renewed: 8, ended: 1 });
    expect(await t.running.deps.store.enrollments.get('mia')).toMatchObject({
      status: 'ENDED',
      cyclesRenewed: 11,
    });
    expect(await sweep()).toMatchObject({ checked: 0 });
    const late = await t.send('gym-visits', visit('mia', t.clock.now()));
    expect(late.body).toMatchObject({ outcome: 'no_active_pool' });
  });

  it('a program ended in Wix by someone else: the sweep follows, and visits give nothing', async () => {
    const enrollment = await t.running.deps.store.enrollments.get('mia');
    await t.running.deps.benefits.endProgram(enrollment?.programId ?? '');
    t.clock.set('2026-02-02T00:00:00Z');
    expect(await sweep()).toMatchObject({ renewed: 0, ended: 1, failed: 0 });
    expect((await t.send('gym-visits', visit('mia', t.clock.now()))).body.outcome).toBe('no_active_pool');
  });

  it('a visit with a stale cached pool (program ended, sweep not run yet): no token, no error', async () => {
    const enrollment = await t.running.deps.store.enrollments.get('mia');
    await t.running.deps.benefits.endProgram(enrollment?.programId ?? '');
    const res = await t.send('gym-visits', visit('mia', t.clock.now()));
    expect(res).toMatchObject({ status: 200, body: { outcome: 'no_active_pool' } });
  });

  it('the in-process schedule runs the sweep (croner); SCHEDULER=off and a bad RENEW_CRON are config', async () => {
    await visits(2);
    t.clock.set('2026-02-01T09:00:00Z');
    const schedule = startRenewSchedule(t.running, '0 * * * *');
    try {
      expect(schedule.nextRun()).toBeInstanceOf(Date);
      await schedule.trigger();
      expect((await t.running.deps.store.enrollments.get('mia'))?.cyclesRenewed).toBe(1);
    } finally {
      schedule.stop();
    }
    expect(() => startRenewSchedule(t.running, 'every tuesday').stop()).toThrow();
    expect(parseEnv({ SCHEDULER: 'off' }).scheduler.enabled).toBe(false);
    expect(parseEnv({}).scheduler).toEqual({ enabled: true, cron: '0 * * * *' });
    expect(() => parseEnv({ SCHEDULER: 'maybe' })).toThrow(/SCHEDULER/);
    expect(() => parseEnv({ TIME_ZONE: 'Mars/Olympus' })).toThrow(/TIME_ZONE/);
    expect(() => parseEnv({ VISIT_TOKENS_PER_DAY: '0' })).toThrow(/VISIT_TOKENS_PER_DAY/);
  });
});
