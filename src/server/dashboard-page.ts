import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

/** Where `npm run build:dashboard` (and `npm start`, when the page changed) puts the built page. */
export const DASHBOARD_DIST = resolve(import.meta.dirname, '../../build/dashboard');

/**
 * The staff dashboard page at /dashboard, for the local Wix: the Vite build of src/dashboard. The page
 * reads its staff token from `#token=…`, which never reaches the server.
 */
export function dashboardPage(dir = DASHBOARD_DIST): Hono {
  const page = new Hono();
  page.use(
    '/assets/*',
    serveStatic({ root: dir, rewriteRequestPath: (path) => path.replace(/^\/dashboard/, '') }),
  );
  page.get('/*', async (c) => {
    const index = resolve(dir, 'index.html');
    if (!existsSync(index)) {
      return c.text('The dashboard page is not built yet: run npm run build:dashboard, then reload.', 503);
    }
    c.header('cache-control', 'no-store');
    return c.html(await readFile(index, 'utf8'));
  });
  return page;
}
