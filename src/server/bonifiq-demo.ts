import { ensureBonifiqIntegration } from '../partners/bonifiq/keys';
import type { Running } from './container';

/** The demo member's CPF (a valid, made-up one): how the demo PoS finds them. */
export const DEMO_CPF = '52998224725';
const DEMO_POS = 'demo-pos';

export interface BonifiqDemo {
  name: string;
  token: string;
  /** Only when created now (the banner prints the one kept in the data folder). */
  key: string | null;
  /** Who to try it with (an email: documents stay out of what the app prints). */
  customerId: string;
}

/** The first start's point of sale, and a document on the demo member so the PoS can find them by CPF. */
export async function seedBonifiqDemo(
  running: Running,
  member: { id: string; email: string },
): Promise<BonifiqDemo> {
  await running.deps.store.members.upsert({
    memberId: member.id,
    contactId: null,
    email: null,
    document: DEMO_CPF,
    createdAt: running.deps.clock.now().toISOString(),
  });
  const { integration, credentials } = await ensureBonifiqIntegration(running.deps, DEMO_POS);
  return {
    name: integration.name,
    token: integration.keyId ?? '',
    key: credentials?.key ?? null,
    customerId: member.email,
  };
}

/** The banner's BonifiQ lines. */
export function bonifiqBannerLines(baseUrl: string, demo: BonifiqDemo | null | undefined): string[] {
  const lines = [
    `  BonifiQ PoS    ${baseUrl}/bonifiq  (a BonifiQ PoS's new base URL; spec /bonifiq/openapi.json)`,
  ];
  if (!demo) return lines;
  lines.push(
    `  PoS ${demo.name.padEnd(10)} API token ${demo.token}`,
    demo.key
      ? `                 API key   ${demo.key}  (demo data)`
      : '                 API key   shown when it was created',
    '  try:',
    ...(demo.key ? [`    export BQ_TOKEN=${demo.token} BQ_KEY=${demo.key}`] : []),
    `    curl -s -u "$BQ_TOKEN:$BQ_KEY" -X POST ${baseUrl}/bonifiq/v1/pvt/POS/rewards/available -H 'content-type: application/json' -d '{"CustomerId":"${demo.customerId}","PurchaseValue":120}'`,
    '    (more: npm run integration -- add bonifiq --name <name> [--token … --key …])',
  );
  return lines;
}
