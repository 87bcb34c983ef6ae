import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { signWebhook } from '../../webhooks/sign';
import { createWixEventSigner, memberCreatedEvent } from '../emulator/events';
import { type Config, parseEnv } from '../server/env';
import { type FolderAccess, reachDataFolder } from './data-folder';
import { integrationCommand } from './integrations';
import { cliArgs, fail, runCli } from './run';
import { signUpLocally } from './sign-up';
import { baseUrlOf } from './store';

const USAGE = [
  'npm run send -- gym-visit --member <id> [--at <ISO time>]',
  '       npm run send -- order --member <id> --amount <123.40> [--order <id>] [--type paid|refunded|canceled] [--coupon <code>]',
  '       npm run send -- member --member <id> [--email <email>] [--external <integration>=<id>]  (local Wix: --email signs the member up first)',
  '       npm run send -- wix-member --member <id>        (a Wix member-created event, signed by the local Wix)',
  '  common: [--source demo] [--secret whsec_…] [--id <webhook-id>] [--url http://host:port]',
].join('\n');

const now = () => new Date().toISOString();

// Signs a test webhook as a partner (or the local Wix) would and posts it to the server that owns the data
// folder (whatever its PORT), or to --url.
runCli(async () => {
  const { values, positionals } = cliArgs(
    {
      member: { type: 'string' },
      at: { type: 'string' },
      amount: { type: 'string' },
      order: { type: 'string' },
      type: { type: 'string' },
      coupon: { type: 'string' },
      email: { type: 'string' },
      external: { type: 'string' },
      source: { type: 'string' },
      secret: { type: 'string' },
      id: { type: 'string' },
      url: { type: 'string' },
    },
    USAGE,
  );
  const [what] = positionals;
  if (!values.member) fail(`--member is required\nusage: ${USAGE}`);
  const config = parseEnv();
  const folder = await reachDataFolder(config, 'npm run send');
  try {
    await send(what, values.member, values, config, folder);
  } finally {
    folder.release();
  }
});

async function send(
  what: string | undefined,
  memberId: string,
  values: Values,
  config: Config,
  folder: FolderAccess,
): Promise<void> {
  const base = values.url ?? (folder.kind === 'server' ? folder.url : baseUrlOf(config));

  if (what === 'wix-member') {
    if (config.wix.mode !== 'emulator' && config.wix.mode !== 'remote-emulator') {
      fail('wix-member is signed with the local Wix key: only with the local Wix');
    }
    const signer = await createWixEventSigner({ file: join(config.dataDir, 'local-wix-events.json') });
    const jwt = await signer.sign(
      memberCreatedEvent({ id: memberId, loginEmail: values.email ?? '', contactId: '' }),
    );
    return post(`${base}/webhooks/wix`, jwt, { 'content-type': 'text/plain' });
  }

  const [kind, payload] = eventOf(what, memberId, values);
  // On the local Wix the person with --email signs up first, as on a site; the webhook itself still refuses
  // a member Wix does not know.
  const localWix = config.wix.mode === 'emulator' || config.wix.mode === 'remote-emulator';
  if (what === 'member' && values.email && !values.url && localWix) {
    const { created } = await signUpLocally(config, folder, { id: memberId, email: values.email });
    if (created) process.stdout.write(`signed ${memberId} up on the local Wix\n`);
  }
  const source = values.source ?? 'demo';
  const secret = values.secret ?? (await secretOf(source));
  const signed = signWebhook(secret, values.id ?? `msg_${randomUUID()}`, payload);
  process.stdout.write(`webhook-id ${signed.headers['webhook-id']}\n`);
  await post(`${base}/webhooks/${source}/${kind}`, signed.body, signed.headers);

  async function secretOf(name: string): Promise<string> {
    const { secret } = await integrationCommand(folder, config, { action: 'webhook-secret', name }).catch(
      (err: unknown) =>
        fail(
          `${err instanceof Error ? err.message : String(err)} (npm run integration -- list), or pass --secret`,
        ),
    );
    if (!secret) fail(`No webhook source ${name}`);
    return secret;
  }
}

type Values = Record<string, string | undefined>;

function eventOf(what: string | undefined, memberId: string, v: Values): [string, unknown] {
  switch (what) {
    case 'gym-visit':
      return [
        'gym-visits',
        { type: 'gym.visit', timestamp: now(), data: { memberId, visitedAt: v.at ?? now() } },
      ];
    case 'order': {
      if (!v.amount) fail(`--amount is required for an order\nusage: ${USAGE}`);
      const type = `order.${v.type ?? 'paid'}`;
      if (!['order.paid', 'order.refunded', 'order.canceled'].includes(type))
        fail('--type is paid, refunded or canceled');
      const data = {
        orderId: v.order ?? `order-${randomUUID().slice(0, 8)}`,
        memberId,
        total: { amount: v.amount, currency: 'USD' },
        occurredAt: now(),
        ...(v.coupon ? { couponCode: v.coupon } : {}),
      };
      return ['orders', { type, timestamp: now(), data }];
    }
    case 'member': {
      const [integration, externalId] = v.external?.split('=') ?? [];
      const data = {
        memberId,
        ...(v.email ? { email: v.email } : {}),
        ...(integration && externalId ? { externalIds: { [integration]: externalId } } : {}),
      };
      return ['members', { type: 'member.joined', timestamp: now(), data }];
    }
    default:
      fail(`usage: ${USAGE}`);
  }
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const res = await fetch(url, { method: 'POST', body, headers }).catch((err: unknown) =>
    fail(
      `Cannot reach ${url} (is the server running? npm start): ${err instanceof Error ? err.message : String(err)}`,
    ),
  );
  process.stdout.write(`${res.status} ${await res.text()}\n`);
  if (!res.ok) throw new Error(`the server answered ${res.status}`);
}
