import { cpf } from 'cpf-cnpj-validator';
import { addBonifiqIntegration } from '../../src/partners/bonifiq/keys';
import type { TestAppOptions } from '../support/app';
import { joined, startWebhookApp, type WebhookTestApp } from '../webhooks/support';
import { type BonifiqClient, createBonifiqClient } from './client';

export interface PosTestApp extends WebhookTestApp {
  /** The `loja` point of sale, as a BonifiQ client pointed at /bonifiq. */
  pos: BonifiqClient;
  credentials: { token: string; key: string };
  /** A client with other credentials (wrong ones, another integration's). */
  posWith(token: string, key: string): BonifiqClient;
  /** Signs a customer up, enrolls them through the members webhook (with their CPF), gives them points. */
  customer(id: string, points: number): Promise<{ email: string; document: string }>;
  /** The customer's balance, read straight from the local Wix. */
  pointsOf(memberId: string): Promise<number>;
  /** The reward id the PoS sees for a reward title (asks `available` for 100.00: the customer's new quote). */
  rewardNumber(customerId: string, title: string): Promise<number>;
}

export const FIVE_OFF = '$5 off';
export const TEN_PERCENT = '10% off';
export const CASHBACK = 'Cashback';

export async function startPosApp(options: TestAppOptions = {}): Promise<PosTestApp> {
  const app = await startWebhookApp(options);
  const credentials = await addBonifiqIntegration(app.running.deps, { name: 'loja' });
  const posWith = (token: string, key: string) =>
    createBonifiqClient({
      baseUrl: 'http://pos.test/bonifiq',
      token,
      key,
      fetch: async (url, init) => app.running.app.request(url, init),
    });
  const pos = posWith(credentials.token, credentials.key);
  const admin = await app.adminToken();

  return {
    ...app,
    pos,
    credentials: { token: credentials.token, key: credentials.key },
    posWith,
    async customer(id, points) {
      const email = `${id}@example.com`;
      const document = cpf.generate();
      app.addSiteMember(id, email);
      const enrolled = await app.send('members', joined(id, app.clock.now(), { email, document }));
      if (enrolled.status !== 200) throw new Error(`enroll ${id}: ${JSON.stringify(enrolled.body)}`);
      if (points > 0) {
        const given = await app.call(
          'dashboard/adjustPoints',
          [{ memberId: id, amount: points, reason: 'test setup', idempotencyKey: `setup-points-${id}` }],
          admin,
        );
        if (given.status !== 200) throw new Error(`points ${id}: ${JSON.stringify(given.body)}`);
      }
      return { email, document };
    },
    async pointsOf(memberId) {
      const res = await app.running.wix.elevated.accounts.getAccountBySecondaryId({ memberId });
      return res.account?.points?.balance ?? 0;
    },
    async rewardNumber(customerId, title) {
      const res = await pos.available(customerId, 100);
      const reward = res.body.Rewards?.find((r) => r.Title === title);
      if (!reward) throw new Error(`no reward ${title}: ${JSON.stringify(res.body)}`);
      return reward.Id;
    },
  };
}
