import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedemptionView } from '../../backend/views';
import { GYM_ITEMS } from '../support/app';
import { type StartedServer, startServer } from './server';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = 'test-results';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.info(`dashboard browser suite skipped: no ${CHROMIUM} (apt-get install -y chromium)`);

const hook = (name: string) => `[data-hook="${name}"]`;
/** gym10, 10 tokens (config/gym-program.json). */
const WATER_BOTTLE = GYM_ITEMS.waterBottle;

/** The staff dashboard page in headless Chromium, against a server started as `npm start` starts it. */
describe.skipIf(!hasChromium)('the staff dashboard page in Chromium', () => {
  let server: StartedServer;
  let browser: Browser;
  let page: Page;

  const call = async <T>(method: string, args: unknown[], token = server.adminToken) => {
    const res = await fetch(`${server.baseUrl}/web-methods/dashboard/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ args }),
    });
    return { status: res.status, body: (await res.json()) as { result?: T; error?: { code: string } } };
  };
  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/dashboard-${name}.png`, fullPage: true });
  // Text as written (the design system upper-cases badges on screen).
  const text = async (selector: string) => (await page.locator(selector).first().textContent()) ?? '';
  const openTab = async (title: string) => {
    await page.locator(hook('tabs')).getByText(title, { exact: true }).click();
  };
  const findDemoMember = async () => {
    await openTab('Members');
    await page.locator(`${hook('member-query')} input`).fill('demo.member@example.com');
    await page.locator(hook('member-find')).click();
    await page.locator(hook('member-id')).waitFor();
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.dashboardUrl);
    await page.locator(hook('total-tokens-issued')).waitFor();
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the banner link signs staff in, and the token leaves the address bar', async () => {
    expect(server.dashboardUrl).toMatch(/\/dashboard#token=/);
    expect(page.url()).not.toContain('token');
    await shot('opened');
  });

  it('finds the demo member; a double-click redeems once; canceling gives the tokens back', async () => {
    await findDemoMember();
    expect(await text(hook('member-tokens'))).toBe('25');
    await page.locator(hook(`redeem-benefit-${WATER_BOTTLE}`)).dblclick();
    await expect.poll(() => text(hook('member-tokens')), { timeout: 15_000 }).toBe('15');
    await page
      .locator(`${hook('member-redemptions')} ${hook('redemption-status')}`)
      .first()
      .waitFor();
    await shot('redeemed');

    const listed = await call<{ items: RedemptionView[] }>('listRedemptions', [{ memberId: 'demo-member' }]);
    expect(listed.body.result?.items.filter((r) => r.channel === 'dashboard')).toHaveLength(1);

    await page
      .locator(`${hook('member-redemptions')} ${hook('redemption-cancel')}`)
      .first()
      .click();
    await page.locator(`${hook('cancel-reason')} input`).fill('member changed their mind');
    await page.locator(hook('cancel-confirm')).click();
    await expect.poll(() => text(hook('member-tokens')), { timeout: 15_000 }).toBe('25');
    await expect
      .poll(() => text(`${hook('member-redemptions')} ${hook('redemption-status')}`))
      .toBe('Canceled');
    await shot('canceled');
  });

  it('an illegal lifecycle move is explained', async () => {
    const res = await call<{ redemption: RedemptionView }>('redeemBenefitForMember', [
      {
        memberId: 'demo-member',
        externalId: '8f9d2c4a-1b3e-4f5a-9c7d-0e1f2a3b4c01',
        idempotencyKey: 'browser-move-0001',
      },
    ]);
    const id = res.body.result?.redemption.id ?? '';
    expect((await call('updateRedemptionStatus', [{ redemptionId: id, status: 'COMPLETED' }])).status).toBe(
      200,
    );
    expect(
      (await call('updateRedemptionStatus', [{ redemptionId: id, status: 'OPEN' }])).body.error?.code,
    ).toBe('ILLEGAL_TRANSITION');
    await openTab('Redemptions');
    await page
      .locator(`${hook('redemptions-table')} ${hook('redemption-status')}`)
      .first()
      .waitFor();
    expect(await text(`${hook('redemptions-table')} ${hook('redemption-status')}`)).toBe('Completed');
    await page
      .locator(`${hook('redemptions-table')} ${hook('redemption-move')}`)
      .first()
      .click();
    await page.getByRole('option', { name: 'Open', exact: true }).click();
    await expect
      .poll(() => page.locator(hook('toast')).allTextContents())
      .toContain('That step is not possible: a completed redemption is final.');
    await expect
      .poll(() => page.locator(hook('redemptions-table')).innerText())
      .toContain('member changed their mind');
    await shot('redemptions');
  });

  it('adjusts points with a reason', async () => {
    await findDemoMember();
    const before = Number(await text(hook('member-points')));
    await page.locator(`${hook('adjust-amount')} input`).fill('25');
    await page.locator(`${hook('adjust-reason')} input`).fill('birthday gift');
    await page.locator(hook('adjust-apply')).click();
    await expect.poll(() => text(hook('member-points')), { timeout: 15_000 }).toBe(String(before + 25));
    await shot('adjusted');
  });

  it('adds a webhook source (secret shown once) and revokes it', async () => {
    await openTab('Integrations');
    await page.locator(hook('integrations-table')).waitFor();
    await page.locator(`${hook('integration-name')} input`).fill('door-2');
    await page.locator(hook('integration-add')).click();
    const secret = await page.getByTestId('secret-value').innerText();
    expect(secret).toMatch(/^whsec_/);
    await expect.poll(() => page.locator(hook('integrations-table')).innerText()).toContain('door-2');
    await shot('integration-added');
    expect(await page.locator(hook('integrations-table')).innerText()).not.toContain(secret);

    await page.locator(hook('secret-done')).click();
    await page.locator(hook('revoke-door-2')).click();
    await page.locator(hook('revoke-confirm')).click();
    await expect.poll(() => page.locator(hook('integrations-table')).innerText()).not.toContain('door-2');
    const sources = await call<{ items: { name: string }[] }>('listIntegrations', []);
    expect(sources.body.result?.items.map((i) => i.name)).not.toContain('door-2');
    await shot('integration-revoked');
  });

  it('the chart and totals show the day’s activity', async () => {
    const report = await call<{
      totals: {
        tokens: { issued: number; redeemed: number; outstanding: number };
        points: { issued: number };
        redemptions: number;
      };
    }>('getProgramReport', [{}]);
    const totals = report.body.result?.totals;
    // The demo's 25 welcome tokens; two gym10 redemptions, one canceled; 150 welcome points + 25 by hand.
    expect(totals?.tokens).toEqual({ issued: 25, redeemed: 10, takenBack: 0, outstanding: 15 });
    expect(totals?.points.issued).toBe(175);
    expect(totals?.redemptions).toBe(2);
    await openTab('Overview');
    await expect.poll(() => text(hook('total-tokens-issued'))).toBe('25');
    expect(await text(hook('total-tokens-redeemed'))).toBe('10');
    expect(await text(hook('total-tokens-outstanding'))).toBe('15');
    expect(await text(hook('total-points-issued'))).toBe('175');
    expect(await text(hook('total-redemptions'))).toBe('2');
    // Today's bars are drawn, and the redemptions chart names the channel they came through.
    expect(
      await page.locator(`${hook('chart-tokens')} .recharts-bar-rectangle path`).count(),
    ).toBeGreaterThan(0);
    expect(await page.locator(hook('chart-redemptions')).innerText()).toContain('dashboard');
    await expect.poll(() => page.locator(hook('toast')).count(), { timeout: 10_000 }).toBe(0);
    await shot('overview');
  });

  it('is usable on a narrow window', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await findDemoMember();
    await shot('narrow');
    // Nothing sticks out on the right, apart from what scrolls sideways on purpose (tables, the tab row).
    const sticking = await page.evaluate(`[...document.querySelectorAll('#root *')]
      .filter((e) => !e.closest('.rb-scroll, .rb-tabs') && e.getBoundingClientRect().right > window.innerWidth)
      .map((e) => e.tagName + '.' + e.className + ' ' + (e.getAttribute('data-hook') || '')).slice(0, 3)`);
    expect(sticking).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('a member’s token gets 403 from the page’s data calls, and the page says so', async () => {
    expect((await call('getProgramReport', [{}], server.memberToken)).status).toBe(403);
    const member = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await member.goto(server.dashboardUrl.replace(/#token=.*/, `#token=${server.memberToken}`));
      const error = member.locator(hook('load-error'));
      await error.waitFor();
      expect(await error.innerText()).toContain('Only site admins');
      await member.screenshot({ path: `${SHOTS}/dashboard-member-refused.png`, fullPage: true });
    } finally {
      await member.close();
    }
  });
});
