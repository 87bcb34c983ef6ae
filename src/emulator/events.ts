import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, SignJWT } from 'jose';
import type { Member } from './members/model';

/**
 * The local Wix's webhook signer: Wix sends app events as RS256 JWTs signed with a per-app key pair; the app
 * verifies them with the public key (`AppStrategy({appId, publicKey}).webhooks.process`). This makes such
 * events locally, so that path runs for real against the local Wix.
 */
export interface WixEventSigner {
  appId: string;
  /** SPKI PEM: what the app is configured with (WIX_APP_PUBLIC_KEY on real Wix). */
  publicKey: string;
  /** The JWT Wix would POST for this event. */
  sign(event: { eventType: string; body: unknown; instanceId?: string }): Promise<string>;
}

export const LOCAL_APP_ID = 'rewards-bridge-local';
const LOCAL_INSTANCE_ID = 'local-instance';

/** Fresh keys in memory; with `file`, keys kept there (0600) so the server and a CLI sign alike. */
export async function createWixEventSigner(
  options: { file?: string; appId?: string } = {},
): Promise<WixEventSigner> {
  const appId = options.appId ?? LOCAL_APP_ID;
  const pems = options.file ? await loadOrCreate(options.file) : await generatePems();
  const privateKey = await importPKCS8(pems.privateKey, 'RS256');
  return {
    appId,
    publicKey: pems.publicKey,
    sign: ({ eventType, body, instanceId = LOCAL_INSTANCE_ID }) =>
      new SignJWT({
        data: JSON.stringify({
          eventType,
          instanceId,
          data: JSON.stringify(body),
          identity: JSON.stringify({ identityType: 'APP', appId }),
        }),
      })
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey),
  };
}

/** The domain event Wix Members sends when a site member is created. */
export function memberCreatedEvent(
  member: Pick<Member, 'id' | 'loginEmail' | 'contactId'>,
  eventId: string = randomUUID(),
) {
  return {
    eventType: 'wix.members.v1.member_created',
    body: {
      id: eventId,
      entityFqdn: 'wix.members.v1.member',
      slug: 'created',
      entityId: member.id,
      eventTime: new Date().toISOString(),
      createdEvent: { entity: { ...member } },
    },
  };
}

interface Pems {
  privateKey: string;
  publicKey: string;
}

async function generatePems(): Promise<Pems> {
  const pair = await generateKeyPair('RS256', { extractable: true });
  return { privateKey: await exportPKCS8(pair.privateKey), publicKey: await exportSPKI(pair.publicKey) };
}

async function loadOrCreate(file: string): Promise<Pems> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Pems;
  const pems = await generatePems();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(pems), { mode: 0o600 });
  chmodSync(file, 0o600);
  return pems;
}
