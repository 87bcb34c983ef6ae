import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, registerHostedCaller, startRecordingBackend } from '../support/wix-hosting';

// `wix app build` (the Wix CLI, offline, no Wix login) on a copy of this checkout, with the backend URL
// set at build time as a release sets it. Then the built web-method bundle runs in Node with a Wix context
// registered and forwards to a recording backend.

const PAGE_ID = JSON.parse(readFileSync('src/dashboard/pages/rewards/page.json', 'utf8')).id as string;
const WEB_MODULES = ['benefits', 'dashboard', 'loyalty'];

let project: string;
let backend: Backend;
let build: { code: number | null; output: string };

function wixBuild(
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    let output = '';
    const child = spawn(join(cwd, 'node_modules', '.bin', 'wix'), ['app', 'build'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CI: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => done({ code, output }));
  });
}

beforeAll(async () => {
  backend = await startRecordingBackend();
  project = mkdtempSync(join(tmpdir(), 'rb-wix-build-'));
  for (const path of ['backend', 'src', 'package.json', 'tsconfig.json', 'wix.config.json']) {
    cpSync(path, join(project, path), { recursive: true });
  }
  symlinkSync(resolve('node_modules'), join(project, 'node_modules'), 'dir');
  build = await wixBuild(project, { VITE_APP_BACKEND_URL: backend.url });
}, 900_000);
afterAll(async () => {
  await backend.close();
  rmSync(project, { recursive: true, force: true }); // removes the node_modules link, not its target
});

const manifest = () =>
  JSON.parse(readFileSync(join(project, 'dist', 'backend', '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    { file: string }
  >;

describe('npm run build:wix', () => {
  it('builds offline into the web methods of benefits, dashboard and loyalty', () => {
    expect(build.code, build.output).toBe(0);
    const modules = manifest();
    for (const name of WEB_MODULES) expect(modules[`src/backend/${name}.web.ts`]?.file).toBeTruthy();
  });

  it('builds the dashboard page extension', () => {
    const appManifest = readFileSync(join(project, 'dist', 'devcenter', 'app-manifest.json'), 'utf8');
    expect(appManifest).toContain(PAGE_ID);
    const pages = readdirSync(join(project, 'dist', 'statics', 'wix', 'html', 'dashboard-asset'));
    expect(pages.some((file) => file.startsWith(PAGE_ID) && file.endsWith('.html'))).toBe(true);
  });

  it('the built web method forwards to the backend URL it was built with', async () => {
    const built = join(project, 'dist', 'backend', manifest()['src/backend/benefits.web.ts']?.file ?? '');
    expect(existsSync(built)).toBe(true);
    const benefits = (await import(/* @vite-ignore */ pathToFileURL(built).href)) as Record<
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
