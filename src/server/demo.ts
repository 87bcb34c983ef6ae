import { adjustTokens } from '../core/benefits/adjust-tokens';
import { ensureWebhookSource } from '../core/integrations/webhook-sources';
import { earnPoints } from '../core/loyalty/earn-points';
import { enrollMember } from '../core/members/enroll-member';
import { addSiteMember } from '../emulator/members/site-members';
import { loginAtLocalWix } from '../wix/local-login';
import { signUpAtLocalWix } from '../wix/local-sign-up';
import { seedBonifiqDemo } from './bonifiq-demo';
import type { Running } from './container';
import { keepDemoCredentials } from './demo-credentials';
import { seedExpysDemo } from './expys-demo';

export const DEMO_MEMBER = { id: 'demo-member', email: 'demo.member@example.com', name: 'Demo Member' };
const DEMO_ADMIN = 'demo-admin';
/** The webhook source `npm run send` signs for by default. */
export const DEMO_SOURCE = 'demo';

/**
 * With a local Wix (embedded, or `npm run emulator` with SQLite): a demo site member, enrolled, with 25 tokens and 150
 * loyalty points the first time, tokens to try it, and the demo integrations' secrets, kept in the data folder
 * so every start prints working commands. Never with a real Wix.
 */
export async function seedDemo(running: Running) {
  if (running.emulator)
    addSiteMember({ store: running.emulator.store, clock: running.deps.clock }, DEMO_MEMBER);
  // Against `npm run emulator` only with the store in this data folder: servers sharing a PostgreSQL seal
  // secrets each with their own key, and one's demo secrets would stop the others from starting.
  else if (running.config.wix.mode === 'remote-emulator' && running.config.database.kind === 'sqlite')
    await signUpAtLocalWix(running.wix, DEMO_MEMBER);
  else return null;
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
  // Its secret is answered only when created now; `npm run send` reads it from the store.
  const source = await ensureWebhookSource(running.deps, DEMO_SOURCE);
  const expys = await seedExpysDemo(running, DEMO_MEMBER.id);
  const bonifiq = await seedBonifiqDemo(running, DEMO_MEMBER);
  const kept = keepDemoCredentials(running.config.dataDir, {
    webhookSecret: source.secret,
    expysLiveKey: expys.live.key,
    expysSandboxKey: expys.sandbox.key,
    bonifiqKey: bonifiq.key,
  });
  return {
    webhooks: { source: source.integration.name, secret: kept.webhookSecret ?? null },
    expys: {
      live: { ...expys.live, key: kept.expysLiveKey ?? null },
      sandbox: { ...expys.sandbox, key: kept.expysSandboxKey ?? null },
    },
    bonifiq: { ...bonifiq, key: kept.bonifiqKey ?? null },
    memberId: DEMO_MEMBER.id,
    // Wix access tokens the local Wix issues, as at a member's and a staff login.
    memberToken: await loginAtLocalWix(running.wix, { memberId: DEMO_MEMBER.id }),
    adminToken: await loginAtLocalWix(running.wix, { userId: DEMO_ADMIN }),
  };
}
