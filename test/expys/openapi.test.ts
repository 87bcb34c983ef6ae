import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExpysTestApp, startExpysApp } from './support';

describe('Expys OpenAPI spec and reference page', () => {
  let app: ExpysTestApp;
  beforeAll(async () => {
    app = await startExpysApp();
  });
  afterAll(() => app.close());

  const routes = [
    ['post', '/v1/auth/exchange'],
    ['get', '/v1/offers'],
    ['get', '/v1/offers/{id}'],
    ['post', '/v1/redemptions'],
    ['get', '/v1/redemptions'],
    ['get', '/v1/redemptions/{id}'],
    ['post', '/v1/redemptions/{id}/status'],
    ['put', '/v1/redemptions/{id}/feedback'],
    ['get', '/v1/wallet'],
    ['get', '/v1/wallet/transactions'],
    ['post', '/v1/wallet/credit'],
    ['get', '/v1/eligibility'],
    ['put', '/v1/members/{externalUserID}'],
    ['get', '/v1/members/{externalUserID}'],
    ['delete', '/v1/members/{externalUserID}'],
    ['get', '/v1/members'],
    ['get', '/v1/balance'],
    ['get', '/v1/analytics/summary'],
    ['get', '/v1/analytics/offers'],
    ['get', '/v1/analytics/timeseries'],
    ['get', '/v1/terms'],
    ['get', '/v1/terms/{version}/content'],
    ['post', '/v1/terms/acceptance'],
    ['post', '/v1/webhooks'],
    ['get', '/v1/webhooks'],
    ['delete', '/v1/webhooks/{id}'],
  ] as const;

  it('is generated from the route definitions: every route, its schemas, bearer auth', async () => {
    const res = await app.running.app.request('/expys/openapi.json');
    expect(res.status).toBe(200);
    const spec = (await res.json()) as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
      components: {
        schemas: Record<string, { properties?: Record<string, unknown> }>;
        securitySchemes: unknown;
      };
    };
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.servers[0]?.url).toBe('/expys');
    expect(Object.keys(spec.paths).sort()).toEqual([...new Set(routes.map(([, p]) => p))].sort());
    for (const [method, path] of routes) {
      const op = spec.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op?.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['401', '422', '429']));
    }
    expect(Object.keys(spec.components.schemas.Redemption?.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'offer', 'status', 'createdAt', 'startAt', 'endAt', 'canceledReason']),
    );
    expect(Object.keys(spec.components.schemas.CreateRedemptionRequest?.properties ?? {})).toEqual([
      'offer',
      'externalUserID',
    ]);
    expect(spec.components.securitySchemes).toMatchObject({ bearer: { type: 'http', scheme: 'bearer' } });
  });

  it('the reference page is rendered here from the spec, with nothing loaded from elsewhere', async () => {
    const res = await app.running.app.request('/expys/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    for (const [, path] of routes) expect(html).toContain(path);
    expect(html).toContain('X-Expys-Signature');
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
  });
});
