import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../webhooks/sign';
import { freePort, runTs, type Spawned, spawnTs, waitForHttp } from '../support/processes';
import { visit } from '../webhooks/support';

const KEY = 'data-key-one-0123456789-abcdefghijklmnop';
const OTHER_KEY = 'data-key-two-0123456789-abcdefghijklmnop';
const root = mkdtempSync(join(tmpdir(), 'rb-at-rest-'));
const running: Spawned[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
});

async function start(dataDir: string, key: string) {
  const port = await freePort();
  const server = spawnTs('src/server/main.ts', [], {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATA_ENCRYPTION_KEY: key,
    LOG_LEVEL: 'warn',
    SCHEDULER: 'off',
    EXPYS_WEBHOOK_INTERVAL_MS: '0',
  });
  running.push(server);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`, server, 60_000);
  return { server, url };
}

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Every file in the folder with its mode. */
function filesIn(dir: string): [string, number][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): [string, number][] => {
    const path = join(dir, entry.name);
    return entry.isFile() ? [[path, modeOf(path)]] : [];
  });
}

async function sendVisit(url: string, source: string, secret: string) {
  const signed = signWebhook(
    secret,
    `visit-${randomBytes(6).toString('hex')}`,
    visit('demo-member', new Date()),
  );
  const res = await fetch(`${url}/webhooks/${source}/gym-visits`, {
    method: 'POST',
    headers: signed.headers,
    body: signed.body,
  });
  return res.status;
}

/** What the database file itself says (read as a copy would be). */
function storedSecrets(file: string): Map<string, string | null> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('select name, webhook_secret from integrations').all() as {
      name: string;
      webhook_secret: string | null;
    }[];
    return new Map(rows.map((r) => [r.name, r.webhook_secret]));
  } finally {
    db.close();
  }
}

describe('the data folder at rest', () => {
  const dataDir = join(root, 'data');
  const appDb = join(dataDir, 'app.sqlite');
  let demoSecret = '';
  const legacySecret = `whsec_${randomBytes(32).toString('base64')}`;

  it('is owner-only, and signing secrets are sealed in the database yet still verify webhooks', async () => {
    const { server, url } = await start(dataDir, KEY);
    demoSecret = /its secret\s+(whsec_\S+)/.exec(server.output())?.[1] ?? '';
    expect(demoSecret).toMatch(/^whsec_/);

    expect(modeOf(dataDir)).toBe(0o700);
    const files = filesIn(dataDir);
    expect(files.map(([path]) => path)).toEqual(
      expect.arrayContaining([appDb, join(dataDir, 'local-wix.sqlite'), `${appDb}-wal`]),
    );
    for (const [path, mode] of files) expect(mode, path).toBe(0o600);

    const stored = storedSecrets(appDb).get('demo');
    expect(stored).toMatch(/^enc:v1:/);
    expect(stored).not.toContain(demoSecret.slice('whsec_'.length));
    for (const file of [appDb, `${appDb}-wal`]) {
      expect(readFileSync(file).includes(demoSecret.slice('whsec_'.length)), file).toBe(false);
    }

    expect(await sendVisit(url, 'demo', demoSecret)).toBe(200);
    expect(await sendVisit(url, 'demo', `whsec_${randomBytes(32).toString('base64')}`)).toBe(401);
    await server.stop();
  }, 90_000);

  it('a folder left looser and secrets left in clear by an older version are fixed on start', async () => {
    chmodSync(dataDir, 0o755);
    for (const [path] of filesIn(dataDir)) chmodSync(path, 0o644);
    const db = new Database(appDb);
    db.prepare(
      `insert into integrations (id, name, kind, environment, currency, webhook_secret, key_id, key_hash, created_at)
       values ('int_legacy', 'legacy', 'webhook', 'live', 'tokens', ?, null, null, ?)`,
    ).run(legacySecret, Date.now());
    db.close();

    const { server, url } = await start(dataDir, KEY);
    expect(modeOf(dataDir)).toBe(0o700);
    for (const [path, mode] of filesIn(dataDir)) expect(mode, path).toBe(0o600);
    const stored = storedSecrets(appDb);
    expect(stored.get('legacy')).toMatch(/^enc:v1:/);
    expect(stored.get('legacy')).not.toContain(legacySecret.slice('whsec_'.length));

    expect(await sendVisit(url, 'legacy', legacySecret)).toBe(200);
    expect(await sendVisit(url, 'demo', demoSecret)).toBe(200);
    await server.stop();
  }, 90_000);

  it('a copy of the database under another key cannot read the secrets', async () => {
    const copyDir = join(root, 'copy');
    mkdirSync(copyDir, { mode: 0o700 });
    for (const suffix of ['', '-wal']) {
      if (existsSync(`${appDb}${suffix}`))
        copyFileSync(`${appDb}${suffix}`, join(copyDir, `app.sqlite${suffix}`));
    }
    expect(storedSecrets(join(copyDir, 'app.sqlite')).get('demo')).toMatch(/^enc:v1:/);

    const listed = await runTs('src/cli/integration.ts', ['list'], {
      DATA_DIR: copyDir,
      DATA_ENCRYPTION_KEY: OTHER_KEY,
      LOG_LEVEL: 'silent',
    });
    expect(listed.code).not.toBe(0);
    expect(listed.stdout + listed.stderr).toContain('sealed with another data encryption key');
    expect(listed.stdout + listed.stderr).not.toContain(demoSecret);
  }, 60_000);
});
