import type { KeyRequest, StoredOutcome } from './ports/store';

/** A finished key as committed: its request's fingerprint and its outcome (neither changes again). */
export interface SettledKey {
  fingerprint: string;
  outcome: StoredOutcome;
}

/** How long a finished key is answered from memory: retries come within minutes, purges after a day. */
export const SETTLED_KEY_TTL_MS = 10 * 60_000;
/** At most this many (≈ 1 KB each), oldest out first. */
export const SETTLED_KEY_LIMIT = 5_000;

interface Entry extends SettledKey {
  until: number;
}

/**
 * Finished idempotency keys this process committed or read, so a replay answers without touching the
 * store. Safe with several processes on one database: a key's outcome is written once and never changes,
 * so a remembered one is never stale; a key not remembered is read from the store as before. Kept a short
 * while (by the app's clock) so a key purged from the store is new again there, not here.
 */
export class SettledKeys {
  readonly #entries = new Map<string, Entry>();

  get(request: Pick<KeyRequest, 'scope' | 'key'>, now: Date): SettledKey | undefined {
    const id = idOf(request);
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (entry.until <= now.getTime()) {
      this.#entries.delete(id);
      return undefined;
    }
    return entry;
  }

  /** `request` finished with `outcome` (committed, or read back from the store). */
  remember(request: Omit<KeyRequest, 'now'>, outcome: StoredOutcome, now: Date): void {
    const id = idOf(request);
    this.#entries.delete(id);
    this.#entries.set(id, {
      fingerprint: request.fingerprint,
      outcome,
      until: now.getTime() + SETTLED_KEY_TTL_MS,
    });
    if (this.#entries.size > SETTLED_KEY_LIMIT) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }
}

const idOf = ({ scope, key }: Pick<KeyRequest, 'scope' | 'key'>) => `${scope}\n${key}`;

const byStore = new WeakMap<object, SettledKeys>();

/** The finished keys remembered for one store (one database): shared by everything that uses it. */
export function settledKeysOf(store: object): SettledKeys {
  let keys = byStore.get(store);
  if (!keys) {
    keys = new SettledKeys();
    byStore.set(store, keys);
  }
  return keys;
}
