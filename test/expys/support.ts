import type { Currency } from '../../src/core/redemption';
import { addExpysIntegration, type Environment } from '../../src/partners/expys/keys';
import { startTestApp, type TestApp, type TestAppOptions } from '../support/app';
import { ExpysClient } from './client';

export const BASE_URL = 'http://rewards.local/expys';

export interface ExpysTestApp extends TestApp {
  /** A client for this server's /expys, in-process (the same Hono app `npm start` serves). */
  client(token?: string): ExpysClient;
  /** Adds an Expys integration as the CLI does; its org key. */
  integration(name: string, environment?: Environment, currency?: Currency): Promise<string>;
  /** A site member, enrolled, linked to `externalUserID` through PUT /v1/members; a member token for them. */
  user(server: ExpysClient, externalUserID: string, memberId?: string): Promise<ExpysClient>;
  /** One pass of the outbound webhook outbox. */
  deliverDue(): ReturnType<TestApp['running']['expys']['deliverDue']>;
}

export async function startExpysApp(options: TestAppOptions = {}): Promise<ExpysTestApp> {
  const app = await startTestApp({
    ...options,
    env: { EXPYS_SANDBOX_STORAGE: 'memory', EXPYS_RATE_LIMIT_PER_MINUTE: '0', ...options.env },
  });
  const fetchInProcess = async (url: string, init: RequestInit) => app.running.app.request(url, init);
  const client = (token?: string) =>
    new ExpysClient({ baseUrl: BASE_URL, fetch: fetchInProcess, ...(token ? { token } : {}) });
  return {
    ...app,
    client,
    async integration(name, environment = 'live', currency = 'points') {
      const { key } = await addExpysIntegration(app.running.deps, { name, environment, currency });
      return key;
    },
    async user(server, externalUserID, memberId = `m-${externalUserID}`) {
      app.addSiteMember(memberId);
      const linked = await server.setMember(externalUserID, { attributes: { wixMemberId: memberId } });
      if (linked.status !== 200) throw new Error(`link ${externalUserID}: ${JSON.stringify(linked.data)}`);
      const grant = await server.exchange({ externalUserID });
      if (grant.status !== 200) throw new Error(`exchange ${externalUserID}: ${JSON.stringify(grant.data)}`);
      return server.withToken(grant.data.accessToken);
    },
    deliverDue: () => app.running.expys.deliverDue(),
  };
}

/** The points catalog of the default program config (cheapest first). */
export const POINTS_OFFERS = { cashback: 10, fiveOff: 50, tenPercent: 100 } as const;
