import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as webMethodFields from '../../backend/schemas';
import { gymVisit } from '../../webhooks/gym-visits';
import { memberJoined } from '../../webhooks/members';
import { order } from '../../webhooks/orders';
import { EVENT_ID } from '../../webhooks/verify';
import { startTestApp, type TestApp } from '../support/app';

// README "Limits" is written by hand; this checks each row against the schemas that enforce it, so the
// two cannot drift. A row this test cannot locate fails too.

type Json = Record<string, unknown>;
type Locate = () => Promise<string>;

const readme = readFileSync('README.md', 'utf8');
const section = readme.split('\n## Limits\n')[1]?.split('\n## ')[0] ?? '';
const rows = [...section.matchAll(/^\| (web methods|webhooks|Expys|BonifiQ) \| (.+?) \| (.+?) \|$/gm)].map(
  ([, surface, field, limit]) => ({ row: `${surface} | ${field}`, limit: limit ?? '' }),
);

const num = (n: number) => n.toLocaleString('en-US');
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const at = (node: unknown, ...path: string[]): Json => path.reduce<Json>((n, key) => obj(n[key]), obj(node));

/** The bound a JSON Schema node puts on its value, worded as the README words it. */
function limitOf(node: Json): string {
  const n = (key: string) => (typeof node[key] === 'number' ? (node[key] as number) : undefined);
  if (n('maxLength') !== undefined) {
    const min = n('minLength') ?? 0;
    return min > 0
      ? `${min}–${num(n('maxLength') ?? 0)} characters`
      : `≤ ${num(n('maxLength') ?? 0)} characters`;
  }
  if (n('maxItems') !== undefined) {
    const min = n('minItems') ?? 0;
    return min > 0 ? `${min}–${num(n('maxItems') ?? 0)} items` : `≤ ${num(n('maxItems') ?? 0)} items`;
  }
  // An exclusive minimum of a whole number is the next whole number (OpenAPI 3.0 writes it as a flag).
  const exclusive = node.exclusiveMinimum === true ? n('minimum') : n('exclusiveMinimum');
  const min = exclusive !== undefined ? exclusive + 1 : n('minimum');
  return `${num(min ?? Number.NaN)}–${num(n('maximum') ?? Number.NaN)}`;
}

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const webhookData = (schema: z.ZodType, ...path: string[]) =>
  limitOf(at(json(schema), 'properties', 'data', ...path));
const props = (...names: string[]) => names.flatMap((name) => ['properties', name]);
const same = (...limits: string[]) => (new Set(limits).size === 1 ? (limits[0] ?? '') : limits.join(' ≠ '));
const kib = (bytes: number) => `${bytes / 1024} KiB`;

describe('README Limits', () => {
  let app: TestApp;
  let expys: Json;
  let bonifiq: Json;
  beforeAll(async () => {
    app = await startTestApp({ env: { EXPYS_SANDBOX_STORAGE: 'memory' } });
    expys = obj(await (await app.running.app.request('/expys/openapi.json')).json());
    bonifiq = obj(await (await app.running.app.request('/bonifiq/openapi.json')).json());
  });
  afterAll(() => app.close());

  /** The largest body a surface takes, from its VALIDATION answer to one byte too many of a huge body. */
  const bodyLimit = async (path: string, headers: Record<string, string> = {}) => {
    const res = await app.running.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: 'x'.repeat(1024 * 1024),
    });
    const text = await res.text();
    const bytes = Number(/larger than (\d+) bytes/.exec(text)?.[1]);
    return kib(bytes);
  };
  const expysSchema = (name: string, ...path: string[]) =>
    limitOf(at(expys, 'components', 'schemas', name, ...path));
  const expysParam = (path: string, method: string, name: string) => {
    const params = at(expys, 'paths', path, method).parameters;
    const param = (Array.isArray(params) ? params : []).map(obj).find((p) => p.name === name);
    return limitOf(obj(param?.schema));
  };
  const bonifiqSchema = (name: string, ...path: string[]) =>
    limitOf(at(bonifiq, 'components', 'schemas', name, ...path));

  const locators: Record<string, Locate> = {
    ...Object.fromEntries(
      Object.entries(webMethodFields).map(([name, schema]) => [
        `web methods | \`${name}\``,
        async () => limitOf(obj(json(schema))),
      ]),
    ),
    'webhooks | body': () => bodyLimit('/webhooks/demo/members'),
    'webhooks | `webhook-id`': async () =>
      EVENT_ID.test('a'.repeat(200)) && !EVENT_ID.test('a'.repeat(201)) && !EVENT_ID.test('')
        ? '1–200 characters'
        : `not 1–200: ${EVENT_ID}`,
    'webhooks | `data.memberId`, `data.externalMemberId`': async () =>
      same(
        webhookData(memberJoined, 'properties', 'memberId'),
        webhookData(gymVisit, 'properties', 'memberId'),
        webhookData(gymVisit, 'properties', 'externalMemberId'),
        webhookData(order, 'properties', 'memberId'),
        webhookData(order, 'properties', 'externalMemberId'),
      ),
    'webhooks | `data.email`': async () =>
      same(webhookData(memberJoined, ...props('email')), webhookData(order, ...props('email'))),
    'webhooks | `data.contactId` (member.joined)': async () =>
      webhookData(memberJoined, ...props('contactId')),
    'webhooks | `data.orderId` (orders)': async () => webhookData(order, ...props('orderId')),
    'webhooks | `data.total.currency` (orders)': async () =>
      webhookData(order, ...props('total', 'currency')),
    'webhooks | `data.couponCode` (orders)': async () => webhookData(order, ...props('couponCode')),
    'webhooks | `data.locationId` (gym-visits)': async () => webhookData(gymVisit, ...props('locationId')),
    'Expys | body': () => bodyLimit('/expys/v1/redemptions'),
    'Expys | `Idempotency-Key`': async () => expysParam('/v1/redemptions', 'post', 'idempotency-key'),
    'Expys | `externalUserID`': async () =>
      same(
        expysSchema('TokenExchangeRequest', ...props('externalUserID')),
        expysSchema('CreditWalletRequest', ...props('externalUserID')),
      ),
    'Expys | `offer`': async () => expysSchema('CreateRedemptionRequest', ...props('offer')),
    'Expys | `displayName`': async () =>
      same(
        expysSchema('TokenExchangeRequest', ...props('displayName')),
        expysSchema('SetMemberRequest', ...props('displayName')),
      ),
    'Expys | `tier`': async () =>
      same(
        expysSchema('TokenExchangeRequest', ...props('tier')),
        expysSchema('SetMemberRequest', ...props('tier')),
      ),
    'Expys | `email`': async () => expysSchema('TokenExchangeRequest', ...props('email')),
    'Expys | `note` (status change)': async () =>
      expysSchema('ChangeRedemptionStatusRequest', ...props('note')),
    'Expys | `amount` (wallet credit)': async () => expysSchema('CreditWalletRequest', ...props('amount')),
    'Expys | `reason` (wallet credit)': async () => expysSchema('CreditWalletRequest', ...props('reason')),
    'Expys | `url` (webhook)': async () => expysSchema('CreateWebhookRequest', ...props('url')),
    'Expys | `events` (webhook)': async () => expysSchema('CreateWebhookRequest', ...props('events')),
    'Expys | `limit`': async () => expysParam('/v1/redemptions', 'get', 'limit'),
    'Expys | `cursor`': async () => expysParam('/v1/redemptions', 'get', 'cursor'),
    'BonifiQ | body': () => bodyLimit('/bonifiq/v1/pvt/POS/rewards/available'),
    'BonifiQ | `OriginalKey`': async () => bonifiqSchema('RedeemRequest', ...props('OriginalKey')),
    'BonifiQ | `CustomerId`': async () => bonifiqSchema('RedeemRequest', ...props('CustomerId')),
    'BonifiQ | `PurchaseValue`, `OrderTotal` and other amounts': async () =>
      same(
        bonifiqSchema('AvailableRewardsRequest', ...props('PurchaseValue')),
        bonifiqSchema('OrderRequest', ...props('OrderTotal')),
        bonifiqSchema('Product', ...props('ProductPrice')),
      ),
    'BonifiQ | `Metadatas`': async () => bonifiqSchema('Metadatas'),
    'BonifiQ | `Products`': async () => bonifiqSchema('OrderRequest', ...props('Products')),
    'BonifiQ | `RedeemOrigin`': async () => bonifiqSchema('RedeemRequest', ...props('RedeemOrigin')),
  };

  it('lists every web-method field schema', () => {
    const listed = new Set(rows.map((r) => r.row));
    const missing = Object.keys(webMethodFields)
      .map((name) => `web methods | \`${name}\``)
      .filter((row) => !listed.has(row));
    expect(missing).toEqual([]);
  });

  it('states each limit as the schemas enforce it', async () => {
    expect(rows.length).toBeGreaterThan(30);
    for (const { row, limit } of rows) {
      const locate = locators[row];
      const actual = locate ? await locate() : 'no check for this row';
      expect({ row, limit: actual }).toEqual({ row, limit });
    }
  });
});
