/** `from` plus whole calendar months (UTC), the day clamped to the month's end (Jan 31 + 1 → Feb 28). */
export function addMonths(from: Date, months: number): Date {
  const target = new Date(from.getTime());
  const day = from.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

/** How many whole `every`-month cycles have passed from `start` to `now` (0 before the first boundary). */
export function cyclesElapsed(start: Date, now: Date, every: number): number {
  let cycles = 0;
  while (addMonths(start, (cycles + 1) * every).getTime() <= now.getTime()) cycles++;
  return cycles;
}
