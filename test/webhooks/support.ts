import { randomUUID } from 'node:crypto';
import { addWebhookSource } from '../../src/core/integrations/webhook-sources';
import { signWebhook } from '../../webhooks/sign';
import { startTestApp, type TestApp, type TestAppOptions } from '../support/app';

export interface WebhookReply {
  status: number;
  body: {
    eventId?: string;
    outcome?: string;
    duplicate?: boolean;
    details?: Record<string, unknown>;
    error?: { code: string; message: string };
  };
}

export interface SendOptions {
  id?: string;
  /** The attempt's time; the app clock's now by default. */
  timestamp?: Date;
  secret?: string;
  source?: string;
}

export interface WebhookTestApp extends TestApp {
  /** The `gym` source's secret. */
  secret: string;
  /** Signs `payload` as the gym's systems would and POSTs it to /webhooks/<source>/<kind>. */
  send(kind: string, payload: unknown, options?: SendOptions): Promise<WebhookReply>;
  /** POSTs as given, no signing: for forged and malformed requests. */
  post(path: string, body: string, headers?: Record<string, string>): Promise<WebhookReply>;
  balance(memberId: string): Promise<number>;
}

export async function startWebhookApp(options: TestAppOptions = {}): Promise<WebhookTestApp> {
  const app = await startTestApp(options);
  const { secret } = await addWebhookSource(app.running.deps, { name: 'gym' });
  const post: WebhookTestApp['post'] = async (path, body, headers = {}) => {
    const res = await app.running.app.request(path, { method: 'POST', body, headers });
    return { status: res.status, body: (await res.json()) as WebhookReply['body'] };
  };
  return {
    ...app,
    secret,
    post,
    send(kind, payload, opts = {}) {
      const signed = signWebhook(
        opts.secret ?? secret,
        opts.id ?? `msg_${randomUUID()}`,
        payload,
        opts.timestamp ?? app.clock.now(),
      );
      return post(`/webhooks/${opts.source ?? 'gym'}/${kind}`, signed.body, signed.headers);
    },
    async balance(memberId) {
      const res = await app.call<{ balance: number; active: boolean }>(
        'benefits/getMyTokenBalance',
        [],
        await app.memberToken(memberId),
      );
      if (res.status !== 200 || !res.body.result) throw new Error(`balance: ${JSON.stringify(res.body)}`);
      return res.body.result.balance;
    },
  };
}

export const visit = (memberId: string, at: Date, extra: Record<string, unknown> = {}) => ({
  type: 'gym.visit',
  timestamp: at.toISOString(),
  data: { memberId, visitedAt: at.toISOString(), ...extra },
});

export const joined = (memberId: string, at: Date, extra: Record<string, unknown> = {}) => ({
  type: 'member.joined',
  timestamp: at.toISOString(),
  data: { memberId, ...extra },
});

export const order = (
  type: 'order.paid' | 'order.refunded' | 'order.canceled',
  orderId: string,
  memberId: string,
  amount: string,
  at: Date,
  extra: Record<string, unknown> = {},
) => ({
  type,
  timestamp: at.toISOString(),
  data: { orderId, memberId, total: { amount, currency: 'BRL' }, occurredAt: at.toISOString(), ...extra },
});

export const DAY = 24 * 3600 * 1000;
