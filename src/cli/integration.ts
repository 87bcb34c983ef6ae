import { systemClock } from '../core/clock';
import { randomIds } from '../core/ids';
import { addBonifiqIntegration } from '../core/integrations/bonifiq-keys';
import { addExpysIntegration } from '../core/integrations/expys-keys';
import { addWebhookSource, listIntegrations, removeIntegration } from '../core/integrations/webhook-sources';
import { parseEnv } from '../server/env';
import { cliArgs, fail, runCli } from './run';
import { baseUrlOf, storeForCli } from './store';

const USAGE = [
  'npm run integration -- add webhook --name <name> [--secret whsec_…]',
  '       npm run integration -- add expys --name <name> --environment live|sandbox [--key expys_live_…] [--currency tokens|points]',
  '       npm run integration -- add bonifiq --name <name> [--token <API token> --key <API key>]',
  '       npm run integration -- set bonifiq --name <name> --validate-customer on|off',
  '       npm run integration -- challenge-code --name <name> [--customer <email or CPF/CNPJ>]',
  '       npm run integration -- list',
  '       npm run integration -- remove --name <name>',
].join('\n');

export const WEBHOOK_KINDS = ['members', 'gym-visits', 'orders'] as const;

// Partner integrations: webhook sources and the partner APIs (expys, bonifiq), one table for all.
runCli(async () => {
  const { values, positionals } = cliArgs(
    {
      name: { type: 'string' },
      secret: { type: 'string' },
      environment: { type: 'string' },
      key: { type: 'string' },
      token: { type: 'string' },
      currency: { type: 'string' },
      'validate-customer': { type: 'string' },
      customer: { type: 'string' },
    },
    USAGE,
  );
  const [command, kind] = positionals;
  const config = parseEnv();
  const store = await storeForCli(config);
  const deps = { store, clock: systemClock, ids: randomIds };
  try {
    if (command === 'add' && kind === 'expys') {
      const { environment, currency } = values;
      if (!values.name) fail(`--name is required\nusage: ${USAGE}`);
      if (environment !== 'live' && environment !== 'sandbox')
        fail(`--environment live|sandbox is required\nusage: ${USAGE}`);
      if (currency !== undefined && currency !== 'tokens' && currency !== 'points') {
        fail(`--currency must be tokens or points\nusage: ${USAGE}`);
      }
      const { integration, key } = await addExpysIntegration(deps, {
        name: values.name,
        environment,
        key: values.key,
        currency,
      });
      const lines = [
        `added expys integration ${integration.name} (${integration.environment}, ${integration.currency})`,
        `  key     ${key}`,
        values.key ? '' : '          (shown once: store it in the partner’s configuration now)',
        `  API     ${baseUrlOf(config)}/expys  (Authorization: Bearer <key>; reference: /expys/docs)`,
      ].filter(Boolean);
      process.stdout.write(`${lines.join('\n')}\n`);
    } else if (command === 'add' && kind === 'bonifiq') {
      if (!values.name) fail(`--name is required\nusage: ${USAGE}`);
      if ((values.token === undefined) !== (values.key === undefined)) {
        fail(`--token and --key go together (a PoS moving over keeps its pair)\nusage: ${USAGE}`);
      }
      const { integration, token, key } = await addBonifiqIntegration(deps, {
        name: values.name,
        token: values.token,
        key: values.key,
      });
      const lines = [
        `added bonifiq point of sale ${integration.name}`,
        `  API token  ${token}`,
        values.key ? '  API key    (as given)' : `  API key    ${key}`,
        values.key ? '' : '             (shown once: put the pair in the PoS configuration now)',
        `  base URL   ${baseUrlOf(config)}/bonifiq  (HTTP Basic token:key; spec /bonifiq/openapi.json)`,
      ].filter(Boolean);
      process.stdout.write(`${lines.join('\n')}\n`);
    } else if (command === 'add') {
      if (kind !== 'webhook') fail(`Unknown integration kind ${kind ?? ''}\nusage: ${USAGE}`);
      if (!values.name) fail(`--name is required\nusage: ${USAGE}`);
      const { integration, secret } = await addWebhookSource(deps, {
        name: values.name,
        secret: values.secret,
      });
      const base = `${baseUrlOf(config)}/webhooks/${integration.name}`;
      const lines = [
        `added webhook source ${integration.name}`,
        `  secret  ${secret}`,
        values.secret ? '' : '          (shown once: put it in the sender’s configuration now)',
        ...WEBHOOK_KINDS.map((k, i) => `  ${i === 0 ? 'URLs   ' : '       '} POST ${base}/${k}`),
      ].filter(Boolean);
      process.stdout.write(`${lines.join('\n')}\n`);
    } else if (command === 'set' && kind === 'bonifiq') {
      const on = values['validate-customer'];
      if (!values.name || (on !== 'on' && on !== 'off')) fail(`usage: ${USAGE}`);
      const integration = await store.integrations.getByName(values.name);
      if (integration?.kind !== 'bonifiq') fail(`No bonifiq point of sale ${values.name}`);
      await store.challenges.setShouldValidate(values.name, on === 'on', systemClock.now());
      process.stdout.write(`${values.name}: ShouldValidateCustomer ${on === 'on' ? 'true' : 'false'}\n`);
    } else if (command === 'challenge-code') {
      // The local sender's inbox: the code a customer would have received by SMS or email.
      if (!values.name) fail(`--name is required\nusage: ${USAGE}`);
      const customer = values.customer?.includes('@')
        ? values.customer.trim().toLowerCase()
        : values.customer?.replace(/\D/g, '');
      const latest = await store.challenges.latestLocalCode(values.name, customer || undefined);
      if (!latest) fail(`No challenge code sent by ${values.name}${customer ? ` to ${customer}` : ''}`);
      process.stdout.write(`${latest.code}\n`);
    } else if (command === 'list') {
      const all = await listIntegrations(deps);
      if (all.length === 0) process.stdout.write('no integrations\n');
      for (const i of all) {
        process.stdout.write(
          `${i.name.padEnd(20)} ${i.kind.padEnd(8)} ${i.environment.padEnd(8)} ${i.currency.padEnd(7)} ${i.createdAt}\n`,
        );
      }
    } else if (command === 'remove') {
      const name = values.name ?? kind;
      if (!name) fail(`--name is required\nusage: ${USAGE}`);
      await removeIntegration(deps, name);
      process.stdout.write(`removed ${name}\n`);
    } else {
      fail(`usage: ${USAGE}`);
    }
  } finally {
    await store.close();
  }
});
