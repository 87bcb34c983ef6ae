import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock';
import { timeOrderedIds } from '../../src/core/ids';
import { apiKeyMatches, hashApiKey } from '../../src/core/integrations/api-keys';
import {
  addWebhookSource,
  ensureWebhookSource,
  webhookSourceOf,
} from '../../src/core/integrations/webhook-sources';
import { createStore } from '../../src/store';

describe('integrations: webhook sources and the shape partner APIs will reuse', () => {
  const deps = async () => ({ store: await createStore(), clock: new ManualClock(), ids: timeOrderedIds });

  it('names are URL-safe and not "wix"; secrets are whsec_ with at least 24 bytes', async () => {
    const d = await deps();
    for (const name of ['wix', 'Gym', 'a b', '-gym', '', 'x'.repeat(41)]) {
      await expect(addWebhookSource(d, { name })).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    const short = `whsec_${Buffer.alloc(16).toString('base64')}`;
    await expect(addWebhookSource(d, { name: 'gym', secret: short })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(addWebhookSource(d, { name: 'gym', secret: 'sk_live_123' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const own = `whsec_${Buffer.alloc(24, 9).toString('base64')}`;
    expect((await addWebhookSource(d, { name: 'gym', secret: own })).secret).toBe(own);
    const generated = await addWebhookSource(d, { name: 'shop' });
    expect(Buffer.from(generated.secret.slice(6), 'base64')).toHaveLength(32);
    expect((await webhookSourceOf(d, 'shop')).webhookSecret).toBe(generated.secret);
    await d.store.close();
  });

  it('ensureWebhookSource creates once and returns the secret only then; API-key integrations are not sources', async () => {
    const d = await deps();
    const first = await ensureWebhookSource(d, 'demo');
    expect(first.secret).toMatch(/^whsec_/);
    expect((await ensureWebhookSource(d, 'demo')).secret).toBeNull();
    await d.store.integrations.insert({
      id: 'int_b',
      name: 'pos',
      kind: 'bonifiq',
      environment: 'sandbox',
      currency: 'points',
      webhookSecret: null,
      keyId: 'tok_1',
      keyHash: hashApiKey('tok_1:secret-key'),
      createdAt: new Date().toISOString(),
    });
    await expect(webhookSourceOf(d, 'pos')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const pos = await d.store.integrations.findByKeyId('bonifiq', 'tok_1');
    expect(apiKeyMatches('tok_1:secret-key', pos?.keyHash ?? null)).toBe(true);
    expect(apiKeyMatches('tok_1:other-key', pos?.keyHash ?? null)).toBe(false);
    expect(apiKeyMatches('tok_1:secret-key', null)).toBe(false);
    await d.store.close();
  });
});
