import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Secrets of the local mode's demo integrations: demo data, kept so every start prints working commands. */
const credentialsSchema = z.object({
  webhookSecret: z.string().optional(),
  expysLiveKey: z.string().optional(),
  expysSandboxKey: z.string().optional(),
  bonifiqKey: z.string().optional(),
});
export type DemoCredentials = z.output<typeof credentialsSchema>;

const FILE = 'demo-credentials.json';

/**
 * Keeps the secrets created now (the others are null: shown when created) in `demo-credentials.json` (0600) in
 * the data folder and answers all of them. Local Wix modes only: a real Wix's secrets are never written down.
 */
export function keepDemoCredentials(
  dataDir: string,
  createdNow: { [K in keyof DemoCredentials]-?: string | null },
): DemoCredentials {
  const file = join(dataDir, FILE);
  const kept = readKept(file);
  const fresh = Object.fromEntries(Object.entries(createdNow).filter(([, value]) => value !== null));
  const all: DemoCredentials = { ...kept, ...fresh };
  if (Object.keys(fresh).length > 0) {
    const temp = `${file}.tmp`;
    writeFileSync(temp, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  }
  return all;
}

/** What the file holds; nothing when it is missing or unreadable (new demo secrets are then kept again). */
function readKept(file: string): DemoCredentials {
  try {
    return credentialsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return {};
  }
}
