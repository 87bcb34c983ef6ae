import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal requests serialize equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The request fingerprint of the idempotency contract: operation + canonical request. */
export const fingerprint = (operation: string, request: unknown): string =>
  createHash('sha256').update(operation).update('\u0000').update(canonicalJson(request)).digest('hex');
