// A small Expys client written from the Expys docs (partner-apis.md §1): Bearer auth, camelCase JSON,
// Idempotency-Key on writes, `{"error":{"code","message"}}` errors, X-Request-Id on every response. Point
// it at any base URL (Expys itself, or this server's /expys).

export interface ExpysResult<T> {
  status: number;
  /** The body on 2xx; the error envelope otherwise. */
  data: T;
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
  requestId: string | null;
  replayed: boolean;
  retryAfter: string | null;
}

export interface ExpysClientOptions {
  baseUrl: string;
  /** An org API key (`expys_…`) or a member token. */
  token?: string;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

type Query = Record<string, string | number | boolean | undefined>;

export interface Offer {
  id: string;
  title: string;
  pointsPrice: number | null;
  availability: { isAvailable: boolean; quantityRemaining: number | null };
  [field: string]: unknown;
}
export interface Redemption {
  id: string;
  offer: string;
  status: string;
  createdAt: string;
  canceledReason: string | null;
  canceledNote: string | null;
  [field: string]: unknown;
}
export interface Wallet {
  balance: number;
  amountReceived: number;
  amountSpent: number;
  currency: { name: string; symbol: string; unitsPerUSD: number | null };
  [field: string]: unknown;
}
export interface Transaction {
  id: string;
  amount: number;
  type: 'credit' | 'debit';
  reason: string | null;
  redemptionID: string | null;
  createdAt: string;
}
export interface Webhook {
  id: string;
  url: string;
  events: string[];
  environment: 'LIVE' | 'SANDBOX';
  signingSecret?: string;
  disabledAt?: string | null;
}

export class ExpysClient {
  constructor(readonly options: ExpysClientOptions) {}

  withToken(token: string): ExpysClient {
    return new ExpysClient({ ...this.options, token });
  }

  async request<T>(
    method: string,
    path: string,
    options: {
      query?: Query;
      body?: unknown;
      idempotencyKey?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<ExpysResult<T>> {
    const url = new URL(`${this.options.baseUrl.replace(/\/$/, '')}${path}`);
    for (const [k, v] of Object.entries(options.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await (this.options.fetch ?? fetch)(url.toString(), {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    const error = res.ok ? null : ((parsed as { error?: ExpysResult<T>['error'] } | null)?.error ?? null);
    return {
      status: res.status,
      data: parsed as T,
      error,
      requestId: res.headers.get('x-request-id'),
      replayed: res.headers.get('idempotent-replayed') === 'true',
      retryAfter: res.headers.get('retry-after'),
    };
  }

  exchange(body: { externalUserID: string; displayName?: string; email?: string; tier?: string }) {
    return this.request<{ accessToken: string; expiresAt: string }>('POST', '/v1/auth/exchange', { body });
  }
  listOffers(query: { limit?: number; cursor?: string; available?: boolean } = {}) {
    return this.request<{ data: Offer[]; nextCursor: string | null }>('GET', '/v1/offers', { query });
  }
  getOffer(id: string) {
    return this.request<Offer>('GET', `/v1/offers/${encodeURIComponent(id)}`);
  }
  createRedemption(body: { offer: string; externalUserID?: string }, idempotencyKey?: string) {
    return this.request<Redemption>('POST', '/v1/redemptions', {
      body,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
  }
  getRedemption(id: string) {
    return this.request<Redemption>('GET', `/v1/redemptions/${encodeURIComponent(id)}`);
  }
  listRedemptions(query: { limit?: number; cursor?: string; status?: string; externalUserID?: string } = {}) {
    return this.request<{ redemptions: Redemption[]; nextCursor: string | null }>('GET', '/v1/redemptions', {
      query,
    });
  }
  setRedemptionStatus(id: string, body: { status: string; reason?: string; note?: string }) {
    return this.request<Redemption>('POST', `/v1/redemptions/${encodeURIComponent(id)}/status`, { body });
  }
  wallet(query: { externalUserID?: string } = {}) {
    return this.request<Wallet>('GET', '/v1/wallet', { query });
  }
  walletTransactions(query: { limit?: number; cursor?: string; externalUserID?: string } = {}) {
    return this.request<{ transactions: Transaction[]; nextCursor: string | null }>(
      'GET',
      '/v1/wallet/transactions',
      { query },
    );
  }
  creditWallet(body: { externalUserID: string; amount: number; reason?: string }, idempotencyKey?: string) {
    return this.request<{ balance: number; currency: Wallet['currency'] }>('POST', '/v1/wallet/credit', {
      body,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
  }
  eligibility(query: { externalUserID?: string } = {}) {
    return this.request<{ tier: string | null; wallet: Wallet }>('GET', '/v1/eligibility', { query });
  }
  setMember(
    externalUserID: string,
    body: { displayName?: string; tier?: string; attributes?: Record<string, unknown> },
  ) {
    return this.request<Record<string, unknown>>('PUT', `/v1/members/${encodeURIComponent(externalUserID)}`, {
      body,
    });
  }
  getMember(externalUserID: string) {
    return this.request<Record<string, unknown>>('GET', `/v1/members/${encodeURIComponent(externalUserID)}`);
  }
  removeMember(externalUserID: string) {
    return this.request<{ archived: boolean; balanceRetained: boolean; externalUserID: string }>(
      'DELETE',
      `/v1/members/${encodeURIComponent(externalUserID)}`,
    );
  }
  registerWebhook(body: { url: string; events: string[] }) {
    return this.request<Webhook>('POST', '/v1/webhooks', { body });
  }
  listWebhooks() {
    return this.request<{ webhooks: Webhook[] }>('GET', '/v1/webhooks');
  }
  deleteWebhook(id: string) {
    return this.request<{ id: string; ok: boolean }>('DELETE', `/v1/webhooks/${encodeURIComponent(id)}`);
  }
}
