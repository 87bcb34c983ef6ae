import { Webhook } from 'standardwebhooks';

export interface SignedWebhook {
  headers: {
    'content-type': string;
    'webhook-id': string;
    'webhook-timestamp': string;
    'webhook-signature': string;
  };
  body: string;
}

/**
 * What a partner sends: the Standard Webhooks headers for `payload` (sent as is: the signature covers these
 * exact bytes). Used by `npm run send`, the tests and the benchmark.
 * @param timestamp the attempt's time (defaults to now); outside ±5 min of the receiver's clock it is refused.
 */
export function signWebhook(
  secret: string,
  id: string,
  payload: unknown,
  timestamp: Date = new Date(),
): SignedWebhook {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, timestamp, body),
    },
  };
}
