import { randomBytes } from 'node:crypto';
import type { CatalogEntry, Enrollment, KeyRequest } from '../../../src/core/ports/store';
import type { Redemption, RedemptionEvent, RedemptionStatus } from '../../../src/core/redemption';

/** Unique ids keep cases independent even when a suite shares one database. */
export const uid = (prefix: string): string => `${prefix}_${randomBytes(6).toString('hex')}`;

export const T0 = new Date('2026-01-01T09:00:00.000Z');
export const at = (ms: number): Date => new Date(T0.getTime() + ms);
export const iso = (ms: number): string => at(ms).toISOString();

export function keyRequest(overrides: Partial<KeyRequest> = {}): KeyRequest {
  return { scope: 'web:member:m_1', key: uid('key'), fingerprint: 'fp-1', now: T0, ...overrides };
}

export function redemption(overrides: Partial<Redemption> = {}): Redemption {
  return {
    id: uid('r'),
    memberId: 'm_1',
    channel: 'site',
    offer: {
      kind: 'benefit',
      externalId: 'ext_1',
      providerAppId: 'app_1',
      benefitKey: 'coffee',
      poolId: 'pool_1',
      itemSetId: 'set_1',
      catalogEntryId: null,
    },
    count: 2,
    price: 30,
    currency: 'tokens',
    status: 'SUBMITTED',
    canceledReason: null,
    canceledNote: null,
    wix: { transactionId: 'tx_1' },
    externalCode: null,
    createdAt: iso(0),
    updatedAt: iso(0),
    ...overrides,
  };
}

export function event(
  r: Pick<Redemption, 'id'>,
  status: RedemptionStatus,
  ms = 0,
  extra: Partial<RedemptionEvent> = {},
): RedemptionEvent {
  return { redemptionId: r.id, status, at: iso(ms), actor: 'm_1', note: null, ...extra };
}

export function enrollment(overrides: Partial<Enrollment> = {}): Enrollment {
  return {
    memberId: uid('m'),
    programDefinitionId: 'pd_1',
    programId: uid('p'),
    poolId: 'pool_1',
    loyaltyAccountId: null,
    enrolledAt: iso(0),
    status: 'ACTIVE',
    cyclesRenewed: 0,
    ...overrides,
  };
}

export function catalogEntry(overrides: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    id: uid('c'),
    title: 'Coffee',
    description: null,
    currency: 'tokens',
    price: 10,
    benefit: { externalId: uid('ext'), providerAppId: 'app_1', benefitKey: 'coffee' },
    reward: null,
    repeatable: false,
    product: null,
    stock: null,
    active: true,
    updatedAt: iso(0),
    ...overrides,
  };
}
