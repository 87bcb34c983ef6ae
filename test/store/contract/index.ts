import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../../src/core/ports/store';
import { catalogCases, enrollmentCases, memberCases } from './directory';
import { idempotencyCases } from './idempotency';
import { leaseCases } from './leases';
import { outboxCases } from './outbox';
import { counterCases } from './pos';
import { redemptionCases } from './redemptions';
import { transactionCases } from './transactions';
import { inboundEventCases, integrationCases, tokenCreditCases } from './webhooks';

/** Runs the whole Store contract against stores from `makeStore`, which must give each case an empty one. */
export function describeStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(name, () => {
    let current: Store | undefined;
    const store = (): Store => {
      if (!current) throw new Error('store not open');
      return current;
    };
    beforeEach(async () => {
      current = await makeStore();
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });

    idempotencyCases(store);
    leaseCases(store);
    redemptionCases(store);
    memberCases(store);
    enrollmentCases(store);
    catalogCases(store);
    transactionCases(store);
    integrationCases(store);
    inboundEventCases(store);
    tokenCreditCases(store);
    counterCases(store);
    outboxCases(store);
  });
}
