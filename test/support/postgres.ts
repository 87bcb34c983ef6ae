import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Store } from '../../src/core/ports/store';
import { createStore } from '../../src/store';

/** The PostgreSQL the suites race on; without it they skip, saying why (the only skip allowed). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export function announceSkip(suite: string): void {
  if (!TEST_DATABASE_URL)
    console.info(`${suite} PostgreSQL suite skipped: set TEST_DATABASE_URL=postgres://… to run it`);
}

/** Stores each in a fresh schema of the test database, all dropped by `dropAll`. */
export function freshSchemas(prefix: string) {
  const schemas: string[] = [];
  return {
    async store(): Promise<Store> {
      const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
      schemas.push(schema);
      return createStore({ databaseUrl: TEST_DATABASE_URL ?? '', pgSchema: schema });
    },
    async dropAll(): Promise<void> {
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      for (const schema of schemas.splice(0)) await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}
