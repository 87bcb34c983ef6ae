import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { webMethodModules } from '../../src/server/web-methods';
import { wixWebModules, wixWebModulesDrift } from '../../src/server/wix-web-modules';

// One source for each web method: backend/*.web.ts. The Wix CLI only builds src/**/*.web.ts, so
// src/backend holds generated one-line re-exports; these tests fail when the two drift apart.
describe('src/backend for the Wix CLI', () => {
  it('serves every backend/*.web.ts, locally and in the Wix build', () => {
    const files = readdirSync('backend').filter((name) => name.endsWith('.web.ts'));
    expect(Object.keys(webMethodModules).sort()).toEqual(
      files.map((name) => name.replace('.web.ts', '')).sort(),
    );
    expect([...wixWebModules().keys()].sort()).toEqual(
      files.map((name) => join('src', 'backend', name)).sort(),
    );
  });

  it('mirrors backend/*.web.ts exactly (npm run wix:sync regenerates it)', () => {
    expect(wixWebModulesDrift()).toEqual([]);
  });

  it('names each web method its backend file exports, and nothing else', () => {
    const benefits = wixWebModules().get(join('src', 'backend', 'benefits.web.ts'));
    expect(benefits).toContain("import * as web from '../../backend/benefits.web';");
    const exported = [...(benefits ?? '').matchAll(/^export const (\w+) = web\.(\w+);$/gm)];
    expect(exported.map((m) => m[1])).toEqual([
      'getMyEligibleBenefits',
      'getMyTokenBalance',
      'redeemMyBenefit',
    ]);
    for (const m of exported) expect(m[2]).toBe(m[1]);
  });

  it('reports an edited, a stale and an unserved file', () => {
    const root = mkdtempSync(join(tmpdir(), 'rb-wix-modules-'));
    const write = (path: string, content: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    };
    for (const [path, content] of wixWebModules()) write(path, content);
    expect(wixWebModulesDrift(root)).toEqual([]);

    write(join('src', 'backend', 'loyalty.web.ts'), "export * from '../../backend/loyalty.web';\n");
    write(join('src', 'backend', 'old.web.ts'), '');
    write(join('backend', 'new.web.ts'), '');
    expect(wixWebModulesDrift(root)).toEqual([
      join('backend', 'new.web.ts'),
      join('src', 'backend', 'loyalty.web.ts'),
      join('src', 'backend', 'old.web.ts'),
    ]);
  });
});
