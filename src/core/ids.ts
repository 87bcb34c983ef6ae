import { createHash, randomUUID } from 'node:crypto';

// Every id the app makes has one shape: a prefix, `_`, and 32 lowercase hex digits — new ones time-ordered,
// or derived from their parts where a retry must arrive at the same id (exactly-once intents, event ids).

/** Id generator, injected so tests can predict ids when they need to. */
export interface IdGenerator {
  next(prefix: string): string;
}

/**
 * The creation millisecond (12 hex digits), then 80 random bits. Rows keyed by these ids are appended at the
 * end of their primary-key indexes, so the records written together share index pages: with random ids each
 * one dirtied a page of its own, written to the WAL at every commit (about a quarter of a redemption's
 * commit cost). The random bits come from a random UUID, the runtime's buffered entropy (`randomBytes` per id
 * asked the system every time), minus its fixed version and variant digits.
 */
export const timeOrderedIds: IdGenerator = {
  next: (prefix) => {
    const random = randomUUID().replaceAll('-', '');
    const time = Date.now().toString(16).padStart(12, '0');
    // Digit 12 is the version, digit 16 the variant: neither is random.
    return `${prefix}_${time}${random.slice(0, 12)}${random.slice(13, 16)}${random.slice(17, 22)}`;
  },
};

/** A stable UUID-shaped id derived from its parts: the same parts always give the same id. */
export function deterministicUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** An id of the app's shape derived from its parts (the UUID's 32 hex digits, so earlier ids stay valid). */
export const derivedId = (prefix: string, ...parts: string[]): string =>
  `${prefix}_${deterministicUuid(...parts).replaceAll('-', '')}`;
