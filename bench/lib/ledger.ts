import type { AppClient } from './app-client';

const seeded = new WeakMap<AppClient, Map<string, Promise<Map<string, string>>>>();

/**
 * Enrolls `count` members `<prefix>-0000…` with `tokens` each, ten at a time; their ids → member tokens.
 * Seeding is most of the bench's fixed time: the same prefix, count and tokens on the same app are seeded
 * once, and a later suite asking for them gets the same members (with what earlier rows did to them).
 */
export function seedMembers(
  app: AppClient,
  prefix: string,
  count: number,
  tokens: number,
): Promise<Map<string, string>> {
  const byApp = seeded.get(app) ?? new Map<string, Promise<Map<string, string>>>();
  seeded.set(app, byApp);
  const key = `${prefix}:${count}:${tokens}`;
  const known = byApp.get(key);
  if (known) return known;
  const seeding = seed(app, prefix, count, tokens);
  byApp.set(key, seeding);
  return seeding;
}

async function seed(app: AppClient, prefix: string, count: number, tokens: number) {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
  const minted = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 10) {
    const batch = ids.slice(i, i + 10);
    const jwts = await Promise.all(batch.map((id) => app.member(id, tokens)));
    for (const [j, id] of batch.entries()) minted.set(id, jwts[j] ?? '');
  }
  return minted;
}

/** The members' token balances on the local Wix, summed. */
export async function totalBalance(app: AppClient, members: Map<string, string>): Promise<number> {
  let total = 0;
  for (const token of members.values()) {
    total += (await app.must<{ balance: number }>('benefits/getMyTokenBalance', [], token)).balance;
  }
  return total;
}

/**
 * `read()` once requests still in flight when the load stopped have landed: the first value that two reads
 * 200 ms apart agree on (compared as JSON).
 */
export async function settled<T>(read: () => Promise<T>): Promise<T> {
  let last = await read();
  for (let tries = 0; tries < 20; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await read();
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  throw new Error('the ledger did not settle');
}
