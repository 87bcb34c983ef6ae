import type { SiteMemberInput } from '../emulator/members/site-members';
import type { WixClients } from './clients';

export type SignedUp = { member: { id: string }; created: boolean };

/** A visitor signing up on a local Wix reached over HTTP (`npm run emulator`): its sign-up route, as the app. */
export async function signUpAtLocalWix(wix: WixClients, input: SiteMemberInput): Promise<SignedUp> {
  const res = await wix.elevated.fetchWithAuth('https://www.wixapis.com/_emulator/members', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as Partial<SignedUp> & { message?: string };
  if (!res.ok || !body.member) throw new Error(`Cannot add member: ${body.message ?? res.status}`);
  return { member: body.member, created: body.created === true };
}
