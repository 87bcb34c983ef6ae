import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as benefits from '../../backend/benefits.web';
import * as dashboard from '../../backend/dashboard.web';
import { AppError } from '../../src/core/errors';
import { webMethodModules } from '../../src/server/web-methods';
import { freePort } from '../support/processes';
import { type Backend, registerHostedCaller, startRecordingBackend } from '../support/wix-hosting';

// On Wix hosting there is no request context: each web method forwards its call, with the token the Wix
// context carries, to this server's web-method endpoint and maps the answer back. Real @wix/essentials and
// @wix/sdk; the backend is a recording server on loopback.

const TOKEN = 'wix-access-token-of-the-caller';
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: unknown) => {
      if (!(err instanceof AppError)) throw err;
      return err;
    },
  );

let backend: Backend;
let unregister: () => void;
beforeAll(async () => {
  backend = await startRecordingBackend();
});
afterAll(() => backend.close());
beforeEach(() => {
  backend.requests.length = 0;
  backend.answer(() => ({ status: 200, body: '{"result":null}' }));
  vi.stubEnv('VITE_APP_BACKEND_URL', backend.url);
  unregister = registerHostedCaller(TOKEN);
});
afterEach(() => {
  unregister();
  vi.unstubAllEnvs();
});

describe('a web method on Wix hosting', () => {
  it('posts {args} with the caller’s Authorization to /web-methods/<file>/<method> and returns {result}', async () => {
    backend.answer(() => ({ status: 200, body: '{"result":{"redemption":{"id":"r-1"},"replayed":false}}' }));
    const input = { externalId: 'towel', idempotencyKey: 'key-00000001' };

    const result = await benefits.redeemMyBenefit(input);

    expect(result).toEqual({ redemption: { id: 'r-1' }, replayed: false });
    expect(backend.requests).toHaveLength(1);
    const [request] = backend.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/web-methods/benefits/redeemMyBenefit');
    expect(request?.headers.authorization).toBe(TOKEN);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({ args: [input] });
  });

  it('every web method forwards to its own file and export name', async () => {
    const expected: string[] = [];
    for (const [file, module] of Object.entries(webMethodModules)) {
      for (const [name, method] of Object.entries(module)) {
        if (typeof method !== 'function') continue;
        expected.push(`/web-methods/${file}/${name}`);
        await method();
      }
    }
    expect(expected.length).toBeGreaterThanOrEqual(16);
    expect(backend.requests.map((r) => r.path)).toEqual(expected);
  });

  it('keeps a path prefix of the backend URL', async () => {
    vi.stubEnv('VITE_APP_BACKEND_URL', `${backend.url}/rewards/`);
    await dashboard.listRedemptions({});
    expect(backend.requests[0]?.path).toBe('/rewards/web-methods/dashboard/listRedemptions');
  });

  it('rethrows {error} with its stable code, message, details and Retry-After', async () => {
    backend.answer(() => ({
      status: 409,
      headers: { 'retry-after': '2' },
      body: JSON.stringify({
        error: { code: 'IDEMPOTENCY_KEY_IN_USE', message: 'Still working on it', details: { key: 'k' } },
      }),
    }));
    const error = await failureOf(
      benefits.redeemMyBenefit({ externalId: 'x', idempotencyKey: 'key-00000002' }),
    );
    expect(error.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    expect(error.message).toBe('Still working on it');
    expect(error.details).toEqual({ key: 'k' });
    expect(error.retryAfterSeconds).toBe(2);
  });

  it('maps the server’s refusals of the caller as they are', async () => {
    for (const code of ['UNAUTHENTICATED', 'FORBIDDEN'] as const) {
      backend.answer(() => ({
        status: code === 'FORBIDDEN' ? 403 : 401,
        body: JSON.stringify({ error: { code, message: code } }),
      }));
      expect((await failureOf(dashboard.enrollMember({ memberId: 'ana' }))).code).toBe(code);
    }
  });

  it('a backend that is down or answers a gateway error is UPSTREAM_UNAVAILABLE', async () => {
    backend.answer(() => ({ status: 502, body: '<html>Bad Gateway</html>' }));
    expect((await failureOf(benefits.getMyTokenBalance())).code).toBe('UPSTREAM_UNAVAILABLE');

    vi.stubEnv('VITE_APP_BACKEND_URL', `http://127.0.0.1:${await freePort()}`);
    expect((await failureOf(benefits.getMyTokenBalance())).code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('an answer that is neither {result} nor a known {error} is INTERNAL', async () => {
    backend.answer(() => ({ status: 400, body: '{"error":{"code":"SOMETHING_ELSE","message":"?"}}' }));
    expect((await failureOf(benefits.getMyTokenBalance())).code).toBe('INTERNAL');
    backend.answer(() => ({ status: 200, body: '{"value":1}' }));
    expect((await failureOf(benefits.getMyTokenBalance())).code).toBe('INTERNAL');
  });

  it('without a backend URL built in, or without a Wix context, it fails clearly and sends nothing', async () => {
    vi.stubEnv('VITE_APP_BACKEND_URL', '');
    const noUrl = await failureOf(benefits.getMyTokenBalance());
    expect(noUrl.code).toBe('INTERNAL');
    expect(noUrl.message).toMatch(/VITE_APP_BACKEND_URL/);

    vi.stubEnv('VITE_APP_BACKEND_URL', backend.url);
    unregister();
    const noContext = await failureOf(benefits.getMyTokenBalance());
    expect(noContext.code).toBe('INTERNAL');
    expect(noContext.message).toMatch(/Wix context/);
    expect(backend.requests).toHaveLength(0);
  });
});
