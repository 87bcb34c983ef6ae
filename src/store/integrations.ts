import type { Selectable } from 'kysely';
import type { Integration, IntegrationKind, IntegrationRepo } from '../core/ports/integrations';
import type { Currency } from '../core/redemption';
import { compiledOnce } from './compiled';
import type { IntegrationsTable } from './schema';
import type { SecretBox } from './secret-box';
import { affected, type Executor, toIso, toMs } from './util';

// Every signed webhook looks its source up by name.
const selectByName = compiledOnce((db, v: { name: string }) =>
  db.selectFrom('integrations').selectAll().where('name', '=', v.name),
);

/** Where a source's signing secret is sealed: its row (a sealed value moved to another row will not open). */
export const webhookSecretContext = (id: string) => `integrations.webhook_secret:${id}`;

function fromRow(row: Selectable<IntegrationsTable>, box: SecretBox): Integration {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as IntegrationKind,
    environment: row.environment as Integration['environment'],
    currency: row.currency as Currency,
    webhookSecret: row.webhook_secret && box.open(row.webhook_secret, webhookSecretContext(row.id)),
    keyId: row.key_id,
    keyHash: row.key_hash,
    createdAt: toIso(row.created_at),
  };
}

export function integrationRepo(db: Executor, box: SecretBox): IntegrationRepo {
  return {
    async insert(integration) {
      const row = await db
        .insertInto('integrations')
        .values({
          id: integration.id,
          name: integration.name,
          kind: integration.kind,
          environment: integration.environment,
          currency: integration.currency,
          webhook_secret:
            integration.webhookSecret &&
            box.seal(integration.webhookSecret, webhookSecretContext(integration.id)),
          key_id: integration.keyId,
          key_hash: integration.keyHash,
          created_at: toMs(integration.createdAt),
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async getByName(name) {
      const [row] = (await selectByName(db, { name })).rows;
      return row && fromRow(row, box);
    },

    async findByKeyId(kind, keyId) {
      const row = await db
        .selectFrom('integrations')
        .selectAll()
        .where('kind', '=', kind)
        .where('key_id', '=', keyId)
        .executeTakeFirst();
      return row && fromRow(row, box);
    },

    async list() {
      const rows = await db
        .selectFrom('integrations')
        .selectAll()
        .orderBy('created_at')
        .orderBy('name')
        .execute();
      return rows.map((row) => fromRow(row, box));
    },

    async remove(name) {
      const result = await db.deleteFrom('integrations').where('name', '=', name).executeTakeFirst();
      return affected(result.numDeletedRows) > 0;
    },
  };
}
