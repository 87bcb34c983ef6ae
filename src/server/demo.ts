import { adjustTokens } from '../core/benefits/adjust-tokens';
import { ensureWebhookSource } from '../core/integrations/webhook-sources';
import { earnPoints } from '../core/loyalty/earn-points';
import { enrollMember } from '../core/members/enroll-member';
import { addSiteMember } from '../emulator/members/site-members';
import { loginAtLocalWix } from '../wix/local-login';
import { seedBonifiqDemo } from './bonifiq-demo';
import type { Running } from './container';
import { seedExpysDemo } from './expys-demo';

export const DEMO_MEMBER = { id: 'demo-member', email: 'demo.member@example.com', name: 'Demo Member' };
const DEMO_ADMIN = 'demo-admin';
/** The webhook source `npm run send` signs for by default. */
export const DEMO_SOURCE = 'demo';

/**
 * In emulator mode: a demo site member, enrolled, with 25 tokens and 150 loyalty points the first time,
 * and tokens to try it.
 */
export async function seedDemo(running: Running) {
  if (!running.emulator) return null;
  addSiteMember({ store: running.emulator.store, clock: running.deps.clock }, DEMO_MEMBER);
  await enrollMember(running.deps, { memberId: DEMO_MEMBER.id });
  await adjustTokens(running.deps, {
    memberId: DEMO_MEMBER.id,
    amount: 25,
    reason: 'welcome tokens (demo)',
    idempotencyKey: 'demo-welcome-tokens',
    actor: { kind: 'system' },
  });
  await earnPoints(running.deps, {
    memberId: DEMO_MEMBER.id,
    amount: 150,
    reason: 'welcome points (demo)',
    idempotencyKey: 'demo-welcome-points',
  });
  // Its secret is printed once, when created; `npm run send` reads it from the store.
  const source = await ensureWebhookSource(running.deps, DEMO_SOURCE);
  // Its keys are printed once, when created.
  const expys = await seedExpysDemo(running, DEMO_MEMBER.id);
  const bonifiq = await seedBonifiqDemo(running, DEMO_MEMBER);
  return {
    webhooks: { source: source.integration.name, secret: source.secret },
    expys,
    bonifiq,
    memberId: DEMO_MEMBER.id,
    // Wix access tokens the local Wix issues, as at a member's and a staff login.
    memberToken: await loginAtLocalWix(running.wix, { memberId: DEMO_MEMBER.id }),
    adminToken: await loginAtLocalWix(running.wix, { userId: DEMO_ADMIN }),
  };
}
