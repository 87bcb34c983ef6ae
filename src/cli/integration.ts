import { systemClock } from '../core/clock';
import { randomIds } from '../core/ids';
import { addWebhookSource, listIntegrations, removeIntegration } from '../core/integrations/webhook-sources';
import { parseEnv } from '../server/env';
import { cliArgs, fail, runCli } from './run';
import { baseUrlOf, storeForCli } from './store';

const USAGE = [
  'npm run integration -- add webhook --name <name> [--secret whsec_…]',
  '       npm run integration -- list',
  '       npm run integration -- remove --name <name>',
].join('\n');

export const WEBHOOK_KINDS = ['members', 'gym-visits', 'orders'] as const;

// Partner integrations: webhook sources now; the partner APIs (expys, bonifiq) will add theirs here.
runCli(async () => {
  const { values, positionals } = cliArgs({ name: { type: 'string' }, secret: { type: 'string' } }, USAGE);
  const [command, kind] = positionals;
  const config = parseEnv();
  const store = await storeForCli(config);
  const deps = { store, clock: systemClock, ids: randomIds };
  try {
    if (command === 'add') {
      if (kind !== 'webhook') fail(`Only webhook sources can be added for now\nusage: ${USAGE}`);
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
