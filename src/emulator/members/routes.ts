import { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import { body } from '../wire';
import { registerContactRoutes } from './contacts-api';
import { registerMemberRoutes } from './members-api';
import { addSiteMember } from './site-members';

export { addSiteMember, type SiteMember, type SiteMemberInput } from './site-members';

/** Site members and CRM contacts of the local Wix, plus the local-only sign-up route. */
export function membersRoutes(ctx: EmulatorContext): Hono {
  const api = new Hono();
  registerMemberRoutes(api, ctx);
  registerContactRoutes(api, ctx);

  const app = new Hono();
  // Local only (no Wix equivalent): `npm run member -- add` signs a member up through this.
  app.post('/_emulator/members', async (c) => {
    const req = await body<{ id?: unknown; email?: unknown; name?: unknown }>(c);
    const { member, contact, created } = addSiteMember(ctx, {
      id: typeof req.id === 'string' ? req.id : undefined,
      email: typeof req.email === 'string' ? req.email : '',
      name: typeof req.name === 'string' ? req.name : undefined,
    });
    return c.json({ member, contact, created });
  });
  app.route('/', api);
  // Some SDK mappings (and `host.apiBaseUrl`) use the `/_api` prefix; answer both.
  app.route('/_api', api);
  return app;
}
