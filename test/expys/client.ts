// A small Expys client written from the Expys docs (partner-apis.md §1): Bearer auth, camelCase JSON,
// Idempotency-Key on writes, `{"error":{"code","message"}}` errors, X-Request-Id on every response. Point
// it at any base URL (Expys itself, or this server's /expys). Every typed call parses its answer with the
// published shape (./schema.ts): a success against its response schema, an error against the envelope.

import { z } from 'zod';
import * as S from './schema';

export interface ExpysResult<T> {
  status: number;
  /** The body on 2xx; the error envelope otherwise. */
  data: T;
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
  requestId: string | null;
  replayed: boolean;
  retryAfter: string | null;
  headers: Headers;
}

export interface ExpysClientOptions {
  baseUrl: string;
  /** An org API key (`expys_…`) or a member token. */
  token?: string;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

type Query = Record<string, string | number | boolean | undefined>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

export type Offer = z.infer<typeof S.Offer>;
/** Expys' Redemption, plus what this app adds: the price paid and a points offer's coupon code. */
const RedemptionHere = S.Redemption.extend({
  pointsPrice: z.number().optional(),
  code: z.string().nullable().optional(),
});
const ListRedemptionsHere = S.ListRedemptions.extend({ redemptions: z.array(RedemptionHere) });
export type Redemption = z.infer<typeof RedemptionHere>;
export type Wallet = z.infer<typeof S.Wallet>;
export type Transaction = z.infer<typeof S.Transaction>;
export type Webhook = z.infer<typeof S.WebhookEndpoint> & { signingSecret?: string };
export type MemberSummary = z.infer<typeof S.MemberSummary>;

export class ExpysClient {
  constructor(readonly options: ExpysClientOptions) {}

  withToken(token: string): ExpysClient {
    return new ExpysClient({ ...this.options, token });
  }

  /** A raw call: the body as JSON, unchecked (for malformed requests and odd paths). */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ExpysResult<T>> {
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
      headers: res.headers,
    };
  }

  /** A documented call: a 2xx body must have the operation's published shape, an error the envelope's. */
  async call<Schema extends z.ZodType>(
    schema: Schema,
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ExpysResult<z.infer<Schema>>> {
    const res = await this.request<unknown>(method, path, options);
    const checked = res.status < 300 ? schema.safeParse(res.data) : S.ErrorEnvelope.safeParse(res.data);
    if (!checked.success) {
      throw new Error(
        `${method} ${path} (${res.status}) does not match Expys' schema: ${checked.error.message}\n${JSON.stringify(res.data)}`,
      );
    }
    return res as ExpysResult<z.infer<Schema>>;
  }

  exchange(
    body: { externalUserID: string; displayName?: string; email?: string; tier?: string },
    idempotencyKey?: string,
  ) {
    return this.call(S.TokenGrant, 'POST', '/v1/auth/exchange', {
      body,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
  }
  listOffers(query: { limit?: number; cursor?: string; available?: boolean } = {}) {
    return this.call(S.OfferList, 'GET', '/v1/offers', { query });
  }
  getOffer(id: string) {
    return this.call(S.Offer, 'GET', `/v1/offers/${encodeURIComponent(id)}`);
  }
  createRedemption(body: { offer: string; externalUserID?: string }, idempotencyKey?: string) {
    return this.call(RedemptionHere, 'POST', '/v1/redemptions', {
      body,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
  }
  getRedemption(id: string) {
    return this.call(RedemptionHere, 'GET', `/v1/redemptions/${encodeURIComponent(id)}`);
  }
  listRedemptions(query: { limit?: number; cursor?: string; status?: string; externalUserID?: string } = {}) {
    return this.call(ListRedemptionsHere, 'GET', '/v1/redemptions', { query });
  }
  setRedemptionFeedback(id: string, body: { rating: number; comment?: string }) {
    return this.call(RedemptionHere, 'PUT', `/v1/redemptions/${encodeURIComponent(id)}/feedback`, { body });
  }
  /** This app's own lifecycle route (Expys moves redemptions on its side). */
  setRedemptionStatus(id: string, body: { status: string; reason?: string; note?: string }) {
    return this.call(RedemptionHere, 'POST', `/v1/redemptions/${encodeURIComponent(id)}/status`, { body });
  }
  wallet(query: { externalUserID?: string } = {}) {
    return this.call(S.Wallet, 'GET', '/v1/wallet', { query });
  }
  walletTransactions(query: { limit?: number; cursor?: string; externalUserID?: string } = {}) {
    return this.call(S.ListTransactions, 'GET', '/v1/wallet/transactions', { query });
  }
  creditWallet(body: { externalUserID: string; amount: number; reason?: string }, idempotencyKey?: string) {
    return this.call(S.CreditWalletResponse, 'POST', '/v1/wallet/credit', {
      body,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
  }
  eligibility(query: { externalUserID?: string } = {}) {
    return this.call(S.MemberEligibility, 'GET', '/v1/eligibility', { query });
  }
  listMembers(query: { limit?: number; cursor?: string; tier?: string } = {}) {
    return this.call(S.ListMembers, 'GET', '/v1/members', { query });
  }
  setMember(
    externalUserID: string,
    body: { displayName?: string; tier?: string; attributes?: Record<string, unknown> },
  ) {
    return this.call(S.MemberSummary, 'PUT', `/v1/members/${encodeURIComponent(externalUserID)}`, { body });
  }
  getMember(externalUserID: string) {
    return this.call(S.MemberSummary, 'GET', `/v1/members/${encodeURIComponent(externalUserID)}`);
  }
  removeMember(externalUserID: string) {
    return this.call(S.RemoveMember, 'DELETE', `/v1/members/${encodeURIComponent(externalUserID)}`);
  }
  balance() {
    return this.call(S.GetBalance, 'GET', '/v1/balance');
  }
  analyticsSummary() {
    return this.call(S.AnalyticsSummary, 'GET', '/v1/analytics/summary');
  }
  analyticsOffers() {
    return this.call(S.AnalyticsOffers, 'GET', '/v1/analytics/offers');
  }
  analyticsTimeseries(query: { from: string; to: string; interval: 'day' | 'week' | 'month' }) {
    return this.call(S.AnalyticsTimeseries, 'GET', '/v1/analytics/timeseries', { query });
  }
  terms(query: { externalUserID?: string } = {}) {
    return this.call(S.GetTerms, 'GET', '/v1/terms', { query });
  }
  termsContent(version: string) {
    return this.call(S.GetTermsContent, 'GET', `/v1/terms/${encodeURIComponent(version)}/content`);
  }
  acceptTerms(body: { versions: string[]; externalUserID?: string }, idempotencyKey?: string) {
    return this.call(S.GetTerms, 'POST', '/v1/terms/acceptance', {
      body,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
  }
  registerWebhook(body: { url: string; events: string[] }) {
    return this.call(S.WebhookEndpointWithSecret, 'POST', '/v1/webhooks', { body });
  }
  listWebhooks() {
    return this.call(S.WebhookEndpointList, 'GET', '/v1/webhooks');
  }
  deleteWebhook(id: string) {
    return this.call(S.DeleteWebhook, 'DELETE', `/v1/webhooks/${encodeURIComponent(id)}`);
  }
}
