import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

import type { AppCredentials } from '../../wix/clients';

/** The app registered with a local Wix, the site it is installed on, and the key its tokens are signed with. */
export interface LocalApp extends AppCredentials {
  siteId: string;
  /** ES256 key pair (PKCS8 / SPKI PEM): the local Wix signs and verifies its access tokens with it. */
  signingKey: { privateKey: string; publicKey: string };
}

const localAppSchema = z.object({
  appId: z.string().min(1),
  appSecret: z.string().min(1),
  instanceId: z.string().min(1),
  siteId: z.string().min(1),
  signingKey: z.object({ privateKey: z.string().min(1), publicKey: z.string().min(1) }),
});

export function generateLocalApp(): LocalApp {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    appId: randomUUID(),
    appSecret: randomBytes(32).toString('base64url'),
    instanceId: randomUUID(),
    siteId: randomUUID(),
    signingKey: {
      privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    },
  };
}

/** Where a local Wix kept in `stateFile` keeps its app: beside it, `<name>.app.json`. */
export const localAppFileOf = (stateFile: string): string => `${stateFile.replace(/\.sqlite$/, '')}.app.json`;

/** The app kept in `file` (0600), or a new one written there: the local Wix and its CLIs agree on it. */
export function loadOrCreateLocalApp(file: string): LocalApp {
  if (existsSync(file)) {
    const parsed = localAppSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success)
      throw new Error(`The local Wix app file ${file} is damaged; remove it to start afresh`);
    return parsed.data;
  }
  const app = generateLocalApp();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(app), { mode: 0o600 });
  chmodSync(file, 0o600);
  return app;
}
