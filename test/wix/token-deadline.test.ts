import { describe, expect, it, onTestFinished } from 'vitest';
import { createBenefitProgramsGateway } from '../../src/wix/benefit-programs-gateway';
import { createWixClients } from '../../src/wix/clients';
import { startLocalWix } from '../support/local-wix';

// AppStrategy fetches the app's access token on its own (global fetch), outside the client's fetch: a Wix
// that never answers that request must not hold a call past its deadline.
describe("the app's own token request", () => {
  it('is abandoned at the Wix call deadline like every other Wix call', async () => {
    const local = startLocalWix();
    onTestFinished(() => local.close());
    const tokenRequests: string[] = [];
    // The local Wix, except that its token endpoint never answers.
    const silentOnTokens: typeof fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.endsWith('/oauth2/token')) {
        tokenRequests.push(url);
        return new Promise<Response>(() => {});
      }
      return local.emulator.fetch(input, init);
    };
    const wix = createWixClients(
      { kind: 'app', ...local.emulator.credentials, fetch: silentOnTokens },
      { callTimeoutMs: 300 },
    );
    onTestFinished(() => wix.close());
    const elevate = ((fn: Parameters<typeof wix.elevated.use>[0]) =>
      wix.elevated.use(fn)) as unknown as Parameters<typeof createBenefitProgramsGateway>[0];
    const gateway = createBenefitProgramsGateway(elevate, 'rewards_bridge');

    const started = Date.now();
    const failure = await gateway.getBalance('any-pool').catch((err: unknown) => err);
    expect(tokenRequests.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(failure).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  }, 10_000);
});
