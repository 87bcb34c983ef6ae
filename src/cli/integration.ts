import { parseEnv } from '../server/env';
import type { IntegrationCommand, IntegrationCommandResult } from '../server/integration-commands';
import { reachDataFolder } from './data-folder';
import { integrationCommand } from './integrations';
import { cliArgs, fail, runCli } from './run';
import { baseUrlOf } from './store';

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

type Values = Partial<
  Record<
    'name' | 'secret' | 'environment' | 'key' | 'token' | 'currency' | 'validate-customer' | 'customer',
    string
  >
>;

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
  const wanted = commandOf(command, kind, values);
  const config = parseEnv();
  const folder = await reachDataFolder(config, 'npm run integration');
  try {
    const result = await integrationCommand(folder, config, wanted);
    const base = folder.kind === 'server' ? folder.url : baseUrlOf(config);
    process.stdout.write(`${linesOf(wanted, result, base).join('\n')}\n`);
  } finally {
    folder.release();
  }
});

function commandOf(
  command: string | undefined,
  kind: string | undefined,
  values: Values,
): IntegrationCommand {
  const name = values.name;
  if (command === 'add' && kind === 'expys') {
    const { environment, currency } = values;
    if (!name) fail(`--name is required\nusage: ${USAGE}`);
    if (environment !== 'live' && environment !== 'sandbox')
      fail(`--environment live|sandbox is required\nusage: ${USAGE}`);
    if (currency !== undefined && currency !== 'tokens' && currency !== 'points') {
      fail(`--currency must be tokens or points\nusage: ${USAGE}`);
    }
    return { action: 'add-expys', name, environment, key: values.key, currency };
  }
  if (command === 'add' && kind === 'bonifiq') {
    if (!name) fail(`--name is required\nusage: ${USAGE}`);
    if ((values.token === undefined) !== (values.key === undefined)) {
      fail(`--token and --key go together (a PoS moving over keeps its pair)\nusage: ${USAGE}`);
    }
    return { action: 'add-bonifiq', name, token: values.token, key: values.key };
  }
  if (command === 'add') {
    if (kind !== 'webhook') fail(`Unknown integration kind ${kind ?? ''}\nusage: ${USAGE}`);
    if (!name) fail(`--name is required\nusage: ${USAGE}`);
    return { action: 'add-webhook', name, secret: values.secret };
  }
  if (command === 'set' && kind === 'bonifiq') {
    const on = values['validate-customer'];
    if (!name || (on !== 'on' && on !== 'off')) fail(`usage: ${USAGE}`);
    return { action: 'validate-customer', name, on: on === 'on' };
  }
  if (command === 'challenge-code') {
    if (!name) fail(`--name is required\nusage: ${USAGE}`);
    return { action: 'challenge-code', name, customer: values.customer };
  }
  if (command === 'list') return { action: 'list' };
  if (command === 'remove') {
    const removed = name ?? kind;
    if (!removed) fail(`--name is required\nusage: ${USAGE}`);
    return { action: 'remove', name: removed };
  }
  fail(`usage: ${USAGE}`);
}

function linesOf(command: IntegrationCommand, result: IntegrationCommandResult, base: string): string[] {
  const name = result.added?.name ?? '';
  switch (command.action) {
    case 'add-expys':
      return [
        `added expys integration ${name} (${result.added?.environment}, ${result.added?.currency})`,
        `  key     ${result.key}`,
        command.key ? '' : '          (shown once: store it in the partner’s configuration now)',
        `  API     ${base}/expys  (Authorization: Bearer <key>; reference: /expys/docs)`,
      ].filter(Boolean);
    case 'add-bonifiq':
      return [
        `added bonifiq point of sale ${name}`,
        `  API token  ${result.token}`,
        command.key ? '  API key    (as given)' : `  API key    ${result.key}`,
        command.key ? '' : '             (shown once: put the pair in the PoS configuration now)',
        `  base URL   ${base}/bonifiq  (HTTP Basic token:key; spec /bonifiq/openapi.json)`,
      ].filter(Boolean);
    case 'add-webhook': {
      const urls = `${base}/webhooks/${name}`;
      return [
        `added webhook source ${name}`,
        `  secret  ${result.secret}`,
        command.secret ? '' : '          (shown once: put it in the sender’s configuration now)',
        ...WEBHOOK_KINDS.map((k, i) => `  ${i === 0 ? 'URLs   ' : '       '} POST ${urls}/${k}`),
      ].filter(Boolean);
    }
    case 'list': {
      const all = result.integrations ?? [];
      if (all.length === 0) return ['no integrations'];
      return all.map(
        (i) =>
          `${i.name.padEnd(20)} ${i.kind.padEnd(8)} ${i.environment.padEnd(8)} ${i.currency.padEnd(7)} ${i.createdAt}`,
      );
    }
    case 'remove':
      return [`removed ${result.removed}`];
    case 'webhook-secret':
      return [`${result.secret}`];
    case 'validate-customer':
      return [`${command.name}: ShouldValidateCustomer ${result.validatesCustomer ? 'true' : 'false'}`];
    case 'challenge-code':
      return [`${result.code}`];
  }
}
