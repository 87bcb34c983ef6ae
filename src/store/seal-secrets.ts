import type { Kysely } from 'kysely';
import { webhookSecretContext } from './integrations';
import { endpointSecretContext } from './outbox';
import type { DB } from './schema';
import { isSealed, type SecretBox } from './secret-box';

interface StoredSecret {
  id: string;
  secret: string | null;
}

/**
 * On open: seals in place the signing secrets an older version wrote in clear, and checks that the sealed
 * ones open with this key (a store started with another key stops here, saying so, rather than failing
 * on the first webhook). Idempotent and safe beside other instances: a row is rewritten only while it still
 * holds the clear value read.
 */
export async function sealSecretsAtRest(db: Kysely<DB>, box: SecretBox): Promise<void> {
  const sources = await db.selectFrom('integrations').select(['id', 'webhook_secret as secret']).execute();
  await sealEach(sources, webhookSecretContext, box, (id, sealed, clear) =>
    db
      .updateTable('integrations')
      .set({ webhook_secret: sealed })
      .where('id', '=', id)
      .where('webhook_secret', '=', clear)
      .execute(),
  );
  const endpoints = await db.selectFrom('webhook_endpoints').select(['id', 'secret']).execute();
  await sealEach(endpoints, endpointSecretContext, box, (id, sealed, clear) =>
    db
      .updateTable('webhook_endpoints')
      .set({ secret: sealed })
      .where('id', '=', id)
      .where('secret', '=', clear)
      .execute(),
  );
}

async function sealEach(
  rows: StoredSecret[],
  contextOf: (id: string) => string,
  box: SecretBox,
  write: (id: string, sealed: string, clear: string) => Promise<unknown>,
): Promise<void> {
  for (const { id, secret } of rows) {
    if (secret === null) continue;
    if (isSealed(secret)) box.open(secret, contextOf(id));
    else await write(id, box.seal(secret, contextOf(id)), secret);
  }
}
