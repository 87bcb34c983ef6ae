import { claimDataFolder, keepsStateInDataDir } from '../server/data-folder';
import type { Config } from '../server/env';
import { loginAtLocalWix } from '../wix/local-login';
import { wixForCli } from './local-wix';

export type FolderAccess =
  | { kind: 'server'; url: string; call<T>(path: string, body?: unknown): Promise<T>; release(): void }
  | { kind: 'files'; release(): void };

/**
 * How a CLI reaches its data folder's state: through the server that owns the folder (whatever its PORT), or,
 * when none does, the files themselves, held while the CLI works so that no server starts behind it.
 */
export async function reachDataFolder(config: Config, command: string): Promise<FolderAccess> {
  if (!keepsStateInDataDir(config)) return { kind: 'files', release: () => {} };
  const found = await claimDataFolder(config.dataDir, command);
  if ('claim' in found) return { kind: 'files', release: found.claim.release };
  const { url } = found.server;
  let token: Promise<string> | undefined;
  const call = async <T>(path: string, body?: unknown) => {
    // A staff token of the local Wix, asked for once and only when a command needs the server.
    token ??= localAdminToken(config, url);
    return postJson<T>(`${url}${path}`, body, await token);
  };
  return { kind: 'server', url, call, release: () => {} };
}

/** A reply other than 2xx, with the server's own message. */
export class ServerAnswered extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** POSTs JSON and answers the JSON reply; a failure throws the server's own message. */
export async function postJson<T>(url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body ?? {}),
  }).catch((err: unknown) => {
    throw new Error(`Cannot reach ${url}: ${err instanceof Error ? err.message : String(err)}`);
  });
  const text = await res.text();
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch {
    reply = undefined;
  }
  if (!res.ok) throw new ServerAnswered(messageOf(reply) ?? `${url} answered ${res.status}`, res.status);
  return reply as T;
}

/** The app's `{"error":{"message"}}` or the local Wix's `{"message"}`. */
function messageOf(reply: unknown): string | undefined {
  if (typeof reply !== 'object' || reply === null) return undefined;
  const { error, message } = reply as { error?: { message?: unknown }; message?: unknown };
  const text = error?.message ?? message;
  return typeof text === 'string' ? text : undefined;
}

/** A short-lived staff token from the owner's local Wix: what the `/_local` routes and `/_wix` accept. */
async function localAdminToken(config: Config, owner: string): Promise<string> {
  const local = wixForCli(config, owner);
  try {
    return await loginAtLocalWix(local.wix, { userId: 'local-cli' }, { ttlSeconds: 300 });
  } finally {
    local.close();
  }
}
