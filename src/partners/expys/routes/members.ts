import { createRoute, z } from '@hono/zod-openapi';
import type { CoreDeps } from '../../../core/deps';
import {
  getPartnerMember,
  type PartnerMember,
  removePartnerMember,
  setPartnerMember,
} from '../../../core/members/partner-members';
import { redemptionStatuses } from '../../../core/redemption';
import { serverCaller } from '../context';
import { ExternalUserID, SetMemberSchema } from '../schemas/requests';
import { MemberSummarySchema, RemoveMemberSchema } from '../schemas/responses';
import { getWallet } from '../use-cases/get-wallet';
import { toWallet, type UsdRates } from '../wire';
import { body, commonErrors, type ExpysApp, json, notFound, security } from './common';

const params = z.object({
  externalUserID: ExternalUserID.openapi({ param: { name: 'externalUserID', in: 'path' } }),
});

const setMember = createRoute({
  method: 'put',
  path: '/v1/members/{externalUserID}',
  tags: ['Members'],
  summary: 'Create or update a member, linked to a site member',
  description:
    'Server mode. `attributes.wixMemberId` or `attributes.email` names the site member to link (needed the first time); the member is enrolled in the rewards program. Idempotent.',
  security,
  request: { params, body: body(SetMemberSchema) },
  responses: { 200: json(MemberSummarySchema, 'The member'), ...notFound, ...commonErrors },
});

const getMember = createRoute({
  method: 'get',
  path: '/v1/members/{externalUserID}',
  tags: ['Members'],
  summary: 'A member: profile, wallet and redemption counts',
  security,
  request: { params },
  responses: { 200: json(MemberSummarySchema, 'The member'), ...notFound, ...commonErrors },
});

const removeMember = createRoute({
  method: 'delete',
  path: '/v1/members/{externalUserID}',
  tags: ['Members'],
  summary: 'Unlink a member',
  description:
    'Server mode. The site member keeps their balance and history (`retainBalance` is always true).',
  security,
  request: { params, query: z.object({ retainBalance: z.enum(['true', 'false']).optional() }) },
  responses: { 200: json(RemoveMemberSchema, 'Unlinked'), ...notFound, ...commonErrors },
});

export async function summary(
  deps: CoreDeps,
  integration: { name: string; currency: 'tokens' | 'points' },
  m: PartnerMember,
  rates: UsdRates,
) {
  const [wallet, counts] = await Promise.all([
    getWallet(deps, m.memberId, integration.currency),
    deps.store.redemptions.countByStatus({ memberId: m.memberId, channel: integration.name }),
  ]);
  return {
    externalUserID: m.profile.externalId,
    displayName: m.profile.displayName,
    ...(m.profile.tier ? { tier: m.profile.tier } : {}),
    attributes: m.profile.attributes,
    wallet: toWallet(wallet, rates),
    redemptionCounts: Object.fromEntries(redemptionStatuses.map((s) => [s, counts[s] ?? 0])) as Record<
      (typeof redemptionStatuses)[number],
      number
    >,
  };
}

export function memberRoutes(app: ExpysApp): void {
  app.openapi(setMember, async (c) => {
    const { integration } = serverCaller(c);
    const { externalUserID } = c.req.valid('param');
    const input = c.req.valid('json');
    const deps = c.get('deps');
    const member = await setPartnerMember(deps, {
      integration: integration.name,
      externalId: externalUserID,
      displayName: input.displayName,
      tier: input.tier,
      attributes: input.attributes,
    });
    return c.json(await summary(deps, integration, member, c.get('usd')), 200);
  });

  app.openapi(getMember, async (c) => {
    const { integration } = serverCaller(c);
    const { externalUserID } = c.req.valid('param');
    const deps = c.get('deps');
    const member = await getPartnerMember(deps, integration.name, externalUserID);
    return c.json(await summary(deps, integration, member, c.get('usd')), 200);
  });

  app.openapi(removeMember, async (c) => {
    const { integration } = serverCaller(c);
    const { externalUserID } = c.req.valid('param');
    await removePartnerMember(c.get('deps'), integration.name, externalUserID);
    return c.json({ archived: true, balanceRetained: true, externalUserID }, 200);
  });
}
