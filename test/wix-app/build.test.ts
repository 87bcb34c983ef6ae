import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WixBuild, wixBuild } from '../support/wix-build';
import { type Backend, registerHostedCaller, startRecordingBackend } from '../support/wix-hosting';

// `wix app build` (the Wix CLI, offline, no Wix login) on a copy of this checkout, with the backend URL
// set at build time as a release sets it. Then the built web-method bundle runs in Node with a Wix context
// registered and forwards to a recording backend.

const PAGE_ID = JSON.parse(readFileSync('src/dashboard/pages/rewards/page.json', 'utf8')).id as string;
const WEB_MODULES = ['benefits', 'dashboard', 'loyalty'];

let backend: Backend;
let build: WixBuild;

beforeAll(async () => {
  backend = await startRecordingBackend();
  build = await wixBuild({ VITE_APP_BACKEND_URL: backend.url });
}, 900_000);
afterAll(async () => {
  await backend.close();
  build.remove();
});

describe('npm run build:wix', () => {
  it('builds offline into the web methods of benefits, dashboard and loyalty', () => {
    expect(build.code, build.output).toBe(0);
    for (const name of WEB_MODULES) expect(build.webModuleFile(name)).toBeTruthy();
  });

  it('builds the dashboard page extension', () => {
    const appManifest = readFileSync(join(build.project, 'dist', 'devcenter', 'app-manifest.json'), 'utf8');
    expect(appManifest).toContain(PAGE_ID);
    const pages = readdirSync(join(build.project, 'dist', 'statics', 'wix', 'html', 'dashboard-asset'));
    expect(pages.some((file) => file.startsWith(PAGE_ID) && file.endsWith('.html'))).toBe(true);
  });

  it('the built web method forwards to the backend URL it was built with', async () => {
    expect(existsSync(build.webModuleFile('benefits') ?? '')).toBe(true);
    const benefits = (await build.importWebModule('benefits')) as Record<
      string,
      (...args: unknown[]) => Promise<unknown>
    >;
    const unregister = registerHostedCaller('token-from-wix-hosting');
    try {
      backend.answer(() => ({ status: 200, body: '{"result":{"active":true,"balance":7}}' }));
      expect(await benefits.getMyTokenBalance?.()).toEqual({ active: true, balance: 7 });
    } finally {
      unregister();
    }
    expect(backend.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/web-methods/benefits/getMyTokenBalance', 'token-from-wix-hosting'],
    ]);
  });
});
