import { createClient } from '@wix/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { currentCaller } from '../../backend/context';
import { addSiteMember } from '../../src/emulator/members/site-members';
import { loginAtLocalWix } from '../../src/wix/local-login';
import { type LocalWix, startLocalWix } from '../support/local-wix';

// On Wix hosting there is no request context from this server: the web method's caller is whoever the
// active access token names, as `auth.getTokenInfo()` asks Wix. With a local Wix that is the same
// token-info, reached through the same global fetch (routed to the local Wix by the token's instance).
let local: LocalWix;
afterEach(() => local.close());

/** The Wix context hosting registers for a call: a client holding the caller's access token. */
function registerHostingContext(token: string) {
  createClient({
    auth: {
      getAuthHeaders: async () => ({ headers: { Authorization: token } }),
      getActiveToken: () => token,
    },
    fetch: local.emulator.fetch,
  }).enableContext('global');
}

describe('the caller without the local host’s context', () => {
  it('comes from auth.getTokenInfo(): MEMBER → that member, USER → staff', async () => {
    local = startLocalWix();
    addSiteMember(local.emulator, { id: 'mia', email: 'mia@example.com' });
    registerHostingContext(await loginAtLocalWix(local.wix, { memberId: 'mia' }));
    expect(await currentCaller()).toEqual({ kind: 'member', memberId: 'mia' });
    registerHostingContext(await loginAtLocalWix(local.wix, { userId: 'owner' }));
    expect(await currentCaller()).toEqual({ kind: 'admin', userId: 'owner' });
  });
});
