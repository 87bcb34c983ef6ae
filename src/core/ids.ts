import { createHash, randomBytes } from 'node:crypto';

/** Id generator, injected so tests can predict ids when they need to. */
export interface IdGenerator {
  next(prefix: string): string;
}

export const randomIds: IdGenerator = {
  next: (prefix) => `${prefix}_${randomBytes(12).toString('base64url')}`,
};

/** A stable UUID-shaped id derived from its parts: the same parts always give the same id. */
export function deterministicUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
