import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Partner API keys (Expys-style org keys, BonifiQ-style token:key) are stored only as sha256 hashes
 * (`integrations.key_hash`) and checked in constant time — unlike webhook secrets, which HMAC needs in clear.
 */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export function apiKeyMatches(key: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const given = Buffer.from(hashApiKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
