const DAY_MS = 86_400_000;

/** UTC days `from`..`to` (inclusive, `YYYY-MM-DD`) as the instants a redemption filter takes. */
export function createdWithin(from?: string, to?: string): { createdFrom?: string; createdBefore?: string } {
  return {
    ...(from ? { createdFrom: `${from}T00:00:00.000Z` } : {}),
    ...(to ? { createdBefore: new Date(Date.parse(`${to}T00:00:00.000Z`) + DAY_MS).toISOString() } : {}),
  };
}
