import type { WixClients } from '../../src/wix/clients';
import { loginAtLocalWix } from '../../src/wix/local-login';
import { signUpAtLocalWix } from '../../src/wix/local-sign-up';

export interface CallResult<T> {
  status: number;
  body: { result?: T; error?: { code: string; message: string } };
}

/** The app as the bench seeds and checks it: through its web methods, like the dashboard and members do. */
export interface AppClient {
  /** POST /web-methods/<file>/<method> (for seeding and checks, not for load). */
  call<T = unknown>(path: string, args: unknown[], token?: string): Promise<CallResult<T>>;
  /** Throws unless the call answered 200; returns its result. */
  must<T = unknown>(path: string, args: unknown[], token?: string): Promise<T>;
  adminToken: string;
  memberToken(memberId: string): Promise<string>;
  /** Signs up on the local Wix, enrolls and gives tokens (none for 0) through the dashboard web methods. */
  member(id: string, tokens: number): Promise<string>;
}

export interface AppClientParts {
  /** Answers a request to the app: in-process (`app.request`) or over HTTP. */
  request(path: string, init: RequestInit): Promise<Response>;
  /** The app's Wix clients, reaching the same local Wix as the app (tokens are minted there). */
  wix: WixClients;
  /** Adds a site member to that local Wix; over HTTP (its sign-up route) when not given. */
  addSiteMember?(id: string): void | Promise<void>;
}

export async function appClient(parts: AppClientParts): Promise<AppClient> {
  const call = async <T>(path: string, args: unknown[], token?: string): Promise<CallResult<T>> => {
    const res = await parts.request(`/web-methods/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ args }),
    });
    return { status: res.status, body: (await res.json()) as CallResult<T>['body'] };
  };
  const must = async <T>(path: string, args: unknown[], token?: string): Promise<T> => {
    const res = await call<T>(path, args, token);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.result as T;
  };
  const addSiteMember =
    parts.addSiteMember ??
    (async (id: string) => {
      await signUpAtLocalWix(parts.wix, { id, email: `${id}@bench.example` });
    });
  const adminToken = await loginAtLocalWix(parts.wix, { userId: 'bench' });
  return {
    call,
    must,
    adminToken,
    memberToken: (memberId) => loginAtLocalWix(parts.wix, { memberId }),
    async member(id, tokens) {
      await addSiteMember(id);
      await must('dashboard/enrollMember', [{ memberId: id }], adminToken);
      if (tokens !== 0) {
        await must(
          'dashboard/adjustTokens',
          [{ memberId: id, amount: tokens, reason: 'bench setup', idempotencyKey: `bench-tokens-${id}` }],
          adminToken,
        );
      }
      return loginAtLocalWix(parts.wix, { memberId: id });
    },
  };
}
