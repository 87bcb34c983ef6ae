import { AsyncLocalStorage } from 'node:async_hooks';
import { auth } from '@wix/essentials';
import type { Actor, CoreDeps } from '../src/core/deps';
import { AppError } from '../src/core/errors';

/** Who is calling a web method. */
export type Caller =
  | { kind: 'visitor' }
  | { kind: 'member'; memberId: string }
  | { kind: 'admin'; userId: string };

export interface WebMethodContext {
  caller: Caller;
  deps: CoreDeps;
}

const storage = new AsyncLocalStorage<WebMethodContext>();

/** The local web-method host runs each call inside its caller's context. */
export const runInWebMethodContext = <T>(context: WebMethodContext, fn: () => Promise<T>): Promise<T> =>
  storage.run(context, fn);

/** True on this server while the web-method host runs a call; false on Wix hosting. */
export const inWebMethodContext = (): boolean => storage.getStore() !== undefined;

function context(): WebMethodContext {
  const current = storage.getStore();
  if (!current) throw new AppError('INTERNAL', 'Web method called outside a web-method context');
  return current;
}

/** Who a Wix access token names (token-info's subject): a site member, staff, or nobody in particular. */
export function callerOfTokenInfo(info: { subjectType: string; subjectId: string }): Caller {
  if (info.subjectType === 'MEMBER') return { kind: 'member', memberId: info.subjectId };
  if (info.subjectType === 'USER') return { kind: 'admin', userId: info.subjectId };
  return { kind: 'visitor' };
}

/**
 * The caller, from the request-scoped context the host set; on Wix hosting (no such context) from the
 * active token, as `auth.getTokenInfo()` reports it.
 */
export async function currentCaller(): Promise<Caller> {
  const current = storage.getStore();
  if (current) return current.caller;
  return callerOfTokenInfo(await auth.getTokenInfo());
}

/** The calling site member: their own rewards are the only ones a SiteMember method touches. */
export async function asMember(): Promise<{ deps: CoreDeps; memberId: string; actor: Actor }> {
  const caller = await currentCaller();
  if (caller.kind === 'visitor') throw new AppError('UNAUTHENTICATED', 'Sign in as a site member');
  if (caller.kind !== 'member') throw new AppError('FORBIDDEN', 'Only site members can call this');
  return { deps: context().deps, memberId: caller.memberId, actor: caller };
}

/** A site admin (dashboard): may name the member they act for. */
export async function asAdmin(): Promise<{ deps: CoreDeps; actor: Actor }> {
  const caller = await currentCaller();
  if (caller.kind === 'visitor') throw new AppError('UNAUTHENTICATED', 'Sign in as a site admin');
  if (caller.kind !== 'admin') throw new AppError('FORBIDDEN', 'Only site admins can call this');
  return { deps: context().deps, actor: caller };
}
