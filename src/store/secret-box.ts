import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets the app must read back (Standard Webhooks signing secrets) are stored encrypted with a key kept
 * outside the database, so a copy of the database alone cannot sign or verify a webhook.
 */
export interface SecretBox {
  /** AES-256-GCM of `plain`, bound to where it is stored (`context`: table, column and row). */
  seal(plain: string, context: string): string;
  /** The clear text of a sealed value; a value stored before sealing existed is returned as it is. */
  open(stored: string, context: string): string;
}

const PREFIX = 'enc:v1:';

export const isSealed = (stored: string): boolean => stored.startsWith(PREFIX);

export class SealedSecretError extends Error {}

export function createSecretBox(keyMaterial: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', keyMaterial, 'rewards-bridge', 'data-encryption/v1', 32));
  // Names the key in every sealed value, so a value from another key is told apart from a damaged one.
  const keyId = createHash('sha256').update('key-id').update(key).digest('base64url').slice(0, 8);
  // A signing secret is opened on every webhook it verifies. A sealed value never changes (a new secret is
  // sealed anew, with a new IV), so what it opened to is kept: one AES-GCM open per sealed value.
  const opened = new Map<string, string>();
  return {
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${[keyId, iv, data, cipher.getAuthTag()].map(text).join(':')}`;
    },
    open(stored, context) {
      if (!isSealed(stored)) return stored;
      const known = opened.get(`${context}\n${stored}`);
      if (known !== undefined) return known;
      const plain = openSealed(stored, context);
      if (opened.size >= MAX_OPENED) opened.clear();
      opened.set(`${context}\n${stored}`, plain);
      return plain;
    },
  };

  function openSealed(stored: string, context: string): string {
    const [id, iv, data, tag] = stored.slice(PREFIX.length).split(':');
    if (id !== keyId) {
      throw new SealedSecretError(
        `A stored secret (${context}) was sealed with another data encryption key: start with the DATA_ENCRYPTION_KEY it was written with`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes(iv))
        .setAAD(Buffer.from(context, 'utf8'))
        .setAuthTag(bytes(tag));
      return Buffer.concat([decipher.update(bytes(data)), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new SealedSecretError(`A stored secret (${context}) failed its integrity check`, { cause });
    }
  }
}

/** Opened secrets kept at most (one per integration and webhook endpoint). */
const MAX_OPENED = 1_000;

/** For stores opened without a key (tests, in memory): values are kept as given; sealed ones cannot be read. */
export const noSealing: SecretBox = {
  seal: (plain) => plain,
  open(stored, context) {
    if (!isSealed(stored)) return stored;
    throw new SealedSecretError(
      `A stored secret (${context}) is sealed and this store was opened without a key`,
    );
  },
};

const text = (value: string | Buffer) => (typeof value === 'string' ? value : value.toString('base64url'));
const bytes = (value: string | undefined) => Buffer.from(value ?? '', 'base64url');
