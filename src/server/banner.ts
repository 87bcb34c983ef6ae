import { type BonifiqDemo, bonifiqBannerLines } from './bonifiq-demo';
import type { Running } from './container';
import { type ExpysDemo, expysBannerLines } from './expys-demo';

/** What a person needs to try the running app: URLs, mode, demo credentials, ready commands. */
export function banner(
  running: Running,
  baseUrl: string,
  demo: {
    memberId: string;
    memberToken: string;
    adminToken: string;
    webhooks?: { source: string; secret: string | null };
    expys?: ExpysDemo;
    bonifiq?: BonifiqDemo;
  } | null,
) {
  const { config, setup } = running;
  const lines = [
    '',
    '  rewards-bridge is up',
    `  URL            ${baseUrl}`,
    `  health         ${baseUrl}/health`,
    `  web methods    POST ${baseUrl}/web-methods/<file>/<method>  body {"args":[...]}`,
    `  Wix            ${config.wix.mode === 'emulator' ? `local Wix (embedded, ${baseUrl}/_wix)` : config.wix.mode}`,
    `  database       ${config.database.kind === 'sqlite' ? `SQLite ${config.database.file}` : 'PostgreSQL'}`,
    `  program        ${running.program.programDefinition.displayName} (${setup.programDefinitionId}); ${
      setup.created.length ? `created ${setup.created.length} things` : 'already set up'
    }`,
    `  webhooks       POST ${baseUrl}/webhooks/<source>/members|gym-visits|orders  (Standard Webhooks)`,
    ...(running.wixEvents || config.wixEvents
      ? [`                 POST ${baseUrl}/webhooks/wix  (Wix events)`]
      : []),
    `  renew sweep    ${config.scheduler.enabled ? `scheduled "${config.scheduler.cron}"` : 'not scheduled'}; now: npm run renew`,
  ];
  if (demo) {
    lines.push(
      '',
      `  demo member    ${demo.memberId}`,
      `  member token   ${demo.memberToken}`,
      `  admin token    ${demo.adminToken}`,
      `  dashboard      ${baseUrl}/dashboard#token=${demo.adminToken}  (signed in as staff)`,
      '',
      '  try (demo data of the local Wix; these commands work on every start):',
      `    export MEMBER=${demo.memberToken}`,
      `    curl -s -X POST ${baseUrl}/web-methods/benefits/getMyEligibleBenefits -H "Authorization: Bearer $MEMBER" -H 'content-type: application/json' -d '{"args":[]}'`,
      `    curl -s -X POST ${baseUrl}/web-methods/benefits/redeemMyBenefit -H "Authorization: Bearer $MEMBER" -H 'content-type: application/json' \\`,
      `      -d '{"args":[{"externalId":"${running.program.items[0]?.externalId ?? ''}","idempotencyKey":"try-redeem-0001"}]}'`,
      '    (tokens are Wix access tokens the local Wix issued, valid 4 h;',
      '     more: npm run -s token -- --member <id> | --admin)',
    );
  }
  if (demo?.webhooks) {
    const { source, secret } = demo.webhooks;
    lines.push(
      '',
      `  webhook source ${source}: ${baseUrl}/webhooks/${source}/gym-visits (also /members, /orders)`,
      secret
        ? `  its secret     ${secret}  (demo data, kept in the data folder; npm run send reads it)`
        : '  its secret     shown when it was created; npm run send reads it',
      '  send a signed test webhook:',
      `    npm run send -- gym-visit --member ${demo.memberId}`,
      `    npm run send -- order --member ${demo.memberId} --amount 42.00`,
      '    (more sources: npm run integration -- add webhook --name <name>)',
    );
  }
  lines.push('', ...expysBannerLines(baseUrl, demo?.expys));
  lines.push('', ...bonifiqBannerLines(baseUrl, demo?.bonifiq));
  return `${lines.join('\n')}\n`;
}
