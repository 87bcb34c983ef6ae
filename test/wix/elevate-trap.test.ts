import { auth } from '@wix/essentials';
import { describe, expect, it, onTestFinished } from 'vitest';
import { AppError } from '../../src/core/errors';
import { createBenefitProgramsGateway } from '../../src/wix/benefit-programs-gateway';
import { createWixClients } from '../../src/wix/clients';
import { startLocalWix } from '../support/local-wix';

// Without a registered Wix context, `auth.elevate(fn)(…)` resolves to a function and sends nothing. The
// gateways must say so loudly instead of treating that as an answer.
describe('the elevate trap', () => {
  it('fails with INTERNAL when no Wix context is registered', async () => {
    const gateway = createBenefitProgramsGateway(auth.elevate, 'rewards_bridge');
    const failure = await gateway.getBalance('any-pool').catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('INTERNAL');
    expect((failure as AppError).message).toMatch(/made no request/);
  });

  it('works once the clients register the normal and elevated contexts', async () => {
    const local = startLocalWix();
    try {
      const wix = createWixClients(
        { kind: 'app', ...local.emulator.credentials, fetch: local.emulator.fetch },
        { registerContext: true },
      );
      onTestFinished(() => wix.close());
      const gateway = createBenefitProgramsGateway(auth.elevate, 'rewards_bridge');
      const missing = await gateway.getPool('no-such-pool');
      expect(missing).toBeUndefined(); // a real request reached the local Wix: POOL_NOT_FOUND
    } finally {
      local.close();
    }
  });
});
