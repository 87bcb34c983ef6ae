import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Executor } from './util';

/** A value the first compile stands in for each parameter; the compiled SQL says where it went. */
const SLOT = '\u0000slot\u0000';

type Binding = { slot: string } | { value: unknown };

interface Template {
  compiled: CompiledQuery;
  bindings: Binding[];
}

/**
 * One statement of a hot path, built and compiled by Kysely once per dialect instead of on every call:
 * each call binds its values to the compiled SQL's placeholders and runs it on the executor it is given
 * (the root or a transaction). `build` may only place the values it receives, never compute with them:
 * at the first compile they are stand-ins, and one that does not reach the SQL is refused.
 */
export function compiledOnce<P extends Record<string, unknown>, R>(
  build: (db: Executor, values: P) => Compilable<R>,
): (db: Executor, values: P) => Promise<QueryResult<R>> {
  // Keyed by the dialect's adapter, which the root and all its transactions share.
  const templates = new WeakMap<object, Template>();
  return (db, values) => {
    const adapter = db.getExecutor().adapter;
    let template = templates.get(adapter);
    if (!template) {
      template = compileTemplate(db, build, Object.keys(values));
      templates.set(adapter, template);
    }
    const parameters = template.bindings.map((b) => ('slot' in b ? values[b.slot] : b.value));
    const { compiled } = template;
    return db.executeQuery<R>({
      query: compiled.query,
      queryId: compiled.queryId,
      sql: compiled.sql,
      parameters,
    });
  };
}

function compileTemplate<P extends Record<string, unknown>, R>(
  db: Executor,
  build: (db: Executor, values: P) => Compilable<R>,
  keys: string[],
): Template {
  const standIns = Object.fromEntries(keys.map((key) => [key, `${SLOT}${key}`])) as P;
  const compiled = build(db, standIns).compile();
  const placed = new Set<string>();
  const bindings = compiled.parameters.map((value): Binding => {
    if (typeof value === 'string' && value.startsWith(SLOT)) {
      const slot = value.slice(SLOT.length);
      placed.add(slot);
      return { slot };
    }
    return { value };
  });
  const unplaced = keys.filter((key) => !placed.has(key));
  if (unplaced.length > 0) throw new TypeError(`compiled statement does not bind ${unplaced.join(', ')}`);
  return { compiled, bindings };
}
