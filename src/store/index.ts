import type { Store, StoreRepos } from '../core/ports/store';
import { adjustmentRepo } from './adjustments';
import { catalogRepo } from './catalog';
import { challengeRepo } from './challenges';
import { type Opened, openPostgres, openSqlite } from './dialect';
import { enrollmentRepo } from './enrollments';
import { idempotencyRepo } from './idempotency';
import { inboundEventRepo } from './inbound-events';
import { integrationRepo } from './integrations';
import { leaseRepo } from './leases';
import { memberRepo } from './members';
import { migrateToLatest } from './migrations';
import { orderCreditRepo } from './order-credits';
import { outboxRepo } from './outbox';
import { partnerProfileRepo } from './partner-profiles';
import { partnerCreditRepo, redemptionFeedbackRepo, termsAcceptanceRepo } from './partner-records';
import { counterRepo } from './pos';
import { redemptionRepo } from './redemptions';
import { reportRepo } from './report';
import { sealSecretsAtRest } from './seal-secrets';
import { createSecretBox, noSealing, type SecretBox } from './secret-box';
import type { Executor } from './util';
import { visitCreditRepo } from './visit-credits';

export { migrateToLatest, migrations } from './migrations';
export type { DB } from './schema';

export interface StoreOptions {
  /** `postgres://…`; when set the store uses PostgreSQL, else SQLite. */
  databaseUrl?: string;
  /** SQLite file path or ':memory:' (the default). */
  sqliteFile?: string;
  /** PostgreSQL only: schema to use (pinned on the pool's search_path, created if missing). */
  pgSchema?: string;
  /**
   * Seals the signing secrets it keeps (AES-256-GCM under a key derived from this), and seals those found
   * in clear when it opens. Without it secrets are kept as given (tests, in-memory stores).
   */
  secretKey?: string;
}

/** Every repo bound to one executor: the root Kysely or a transaction. */
export function createRepos(db: Executor, box: SecretBox = noSealing): StoreRepos {
  return {
    idempotency: idempotencyRepo(db),
    redemptions: redemptionRepo(db),
    members: memberRepo(db),
    enrollments: enrollmentRepo(db),
    catalog: catalogRepo(db),
    leases: leaseRepo(db),
    integrations: integrationRepo(db, box),
    inboundEvents: inboundEventRepo(db),
    visitCredits: visitCreditRepo(db),
    orderCredits: orderCreditRepo(db),
    outbox: outboxRepo(db, box),
    partnerProfiles: partnerProfileRepo(db),
    counter: counterRepo(db),
    challenges: challengeRepo(db),
    partnerCredits: partnerCreditRepo(db),
    redemptionFeedback: redemptionFeedbackRepo(db),
    termsAcceptances: termsAcceptanceRepo(db),
    adjustments: adjustmentRepo(db),
    report: reportRepo(db),
  };
}

function open(options: StoreOptions): Promise<Opened> | Opened {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.pgSchema)
    : openSqlite(options.sqliteFile ?? ':memory:');
}

/** Opens the database, migrates it to the latest schema, and returns the store. */
export async function createStore(options: StoreOptions = {}): Promise<Store> {
  const { db, schema } = await open(options);
  const box = options.secretKey ? createSecretBox(options.secretKey) : noSealing;
  try {
    await migrateToLatest(db, schema);
    if (options.secretKey) await sealSecretsAtRest(db, box);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    ...createRepos(db, box),
    // On SQLite the transaction holds the only connection: inside `fn`, use its repos, not the store's,
    // or the call waits for the transaction that is waiting for it.
    transaction: (fn) => db.transaction().execute((trx) => fn(createRepos(trx, box))),
    close: () => db.destroy(),
  };
}

/** Runs the migrations alone (for a deploy step) and closes the connection. */
export async function migrate(options: StoreOptions = {}): Promise<void> {
  const store = await createStore(options);
  await store.close();
}
