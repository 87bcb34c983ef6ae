import { setPartnerMember } from '../core/members/partner-members';
import { ensureExpysIntegration } from '../partners/expys/keys';
import type { Running } from './container';
import { SANDBOX_MEMBERS } from './expys-sandbox';

export interface ExpysDemo {
  live: { name: string; key: string | null; user: string };
  sandbox: { name: string; key: string | null; user: string };
}

/**
 * The first start's Expys integrations: one live (its demo user is the demo site member) and one sandbox
 * (its demo user is the sandbox's first member). Keys are returned only when created now: shown once.
 */
export async function seedExpysDemo(running: Running, liveMemberId: string): Promise<ExpysDemo> {
  const live = await ensureExpysIntegration(running.deps, { name: 'demo-expys', environment: 'live' });
  const sandbox = await ensureExpysIntegration(running.deps, {
    name: 'demo-expys-sandbox',
    environment: 'sandbox',
  });
  const sandboxMember = SANDBOX_MEMBERS[0];
  await setPartnerMember(running.deps, {
    integration: live.integration.name,
    externalId: 'demo-user',
    attributes: { wixMemberId: liveMemberId },
  });
  await setPartnerMember(await running.expys.environment('sandbox'), {
    integration: sandbox.integration.name,
    externalId: 'alice',
    attributes: { wixMemberId: sandboxMember.id },
  });
  return {
    live: { name: live.integration.name, key: live.key, user: 'demo-user' },
    sandbox: { name: sandbox.integration.name, key: sandbox.key, user: 'alice' },
  };
}

/** The banner's Expys lines. */
export function expysBannerLines(baseUrl: string, demo: ExpysDemo | null | undefined): string[] {
  const lines = [
    `  Expys API      ${baseUrl}/expys  (reference ${baseUrl}/expys/docs, spec /expys/openapi.json)`,
  ];
  if (!demo) return lines;
  for (const env of ['live', 'sandbox'] as const) {
    const { name, key, user } = demo[env];
    lines.push(
      key
        ? `  expys ${env.padEnd(8)} ${name}: ${key}  (demo data; demo user ${user})`
        : `  expys ${env.padEnd(8)} ${name}: key shown when it was created (demo user ${user})`,
    );
  }
  const exchange = `curl -s -X POST ${baseUrl}/expys/v1/auth/exchange -H "Authorization: Bearer $EXPYS_KEY" -H 'content-type: application/json' -d '{"externalUserID":"${demo.live.user}"}'`;
  lines.push(
    '  try:',
    ...(demo.live.key
      ? [
          `    export EXPYS_KEY=${demo.live.key}`,
          `    export MEMBER_TOKEN=$(${exchange} | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).accessToken')`,
        ]
      : [`    ${exchange}`, '    (EXPYS_KEY: the key above; MEMBER_TOKEN: the accessToken it answers)']),
    `    curl -s ${baseUrl}/expys/v1/offers -H "Authorization: Bearer $MEMBER_TOKEN"`,
    '    (more keys: npm run integration -- add expys --name <name> --environment live|sandbox)',
  );
  return lines;
}
