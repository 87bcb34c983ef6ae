import { createHash, randomUUID } from 'node:crypto';

// Every id the app makes has one shape: a prefix, `_`, and 32 lowercase hex digits — random, or derived
// from its parts where a retry must arrive at the same id (exactly-once intents, event ids).

/** Id generator, injected so tests can predict ids when they need to. */
export interface IdGenerator {
  next(prefix: string): string;
}

// A random UUID's 122 random bits, from the runtime's buffered entropy: `randomBytes` per id asked the
// system for 16 bytes every time, about 1 % of a busy server's CPU.
export const randomIds: IdGenerator = {
  next: (prefix) => `${prefix}_${randomUUID().replaceAll('-', '')}`,
};

/** A stable UUID-shaped id derived from its parts: the same parts always give the same id. */
export function deterministicUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** An id of the app's shape derived from its parts (the UUID's 32 hex digits, so earlier ids stay valid). */
export const derivedId = (prefix: string, ...parts: string[]): string =>
  `${prefix}_${deterministicUuid(...parts).replaceAll('-', '')}`;
