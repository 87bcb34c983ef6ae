import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface WixBuild {
  /** The copy of this checkout that was built. */
  project: string;
  code: number | null;
  output: string;
  /** The built file of `src/backend/<name>.web.ts`, from the build's manifest (undefined if missing). */
  webModuleFile(name: string): string | undefined;
  /** Imports the built web-method bundle of `src/backend/<name>.web.ts` into this process. */
  importWebModule(name: string): Promise<unknown>;
  remove(): void;
}

/**
 * `wix app build` (the Wix CLI, offline, no Wix login) on a copy of this checkout, with `env` set at build
 * time as a release sets it (e.g. VITE_APP_BACKEND_URL).
 */
export async function wixBuild(env: Record<string, string>): Promise<WixBuild> {
  const project = mkdtempSync(join(tmpdir(), 'rb-wix-build-'));
  for (const path of ['backend', 'src', 'package.json', 'tsconfig.json', 'wix.config.json']) {
    cpSync(path, join(project, path), { recursive: true });
  }
  symlinkSync(resolve('node_modules'), join(project, 'node_modules'), 'dir');
  const { code, output } = await new Promise<{ code: number | null; output: string }>((done) => {
    let output = '';
    const child = spawn(join(project, 'node_modules', '.bin', 'wix'), ['app', 'build'], {
      cwd: project,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CI: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (exitCode) => done({ code: exitCode, output }));
  });
  const webModuleFile = (name: string) => {
    const manifest = JSON.parse(
      readFileSync(join(project, 'dist', 'backend', '.vite', 'manifest.json'), 'utf8'),
    ) as Record<string, { file: string }>;
    const file = manifest[`src/backend/${name}.web.ts`]?.file;
    return file ? join(project, 'dist', 'backend', file) : undefined;
  };
  return {
    project,
    code,
    output,
    webModuleFile,
    async importWebModule(name) {
      const file = webModuleFile(name);
      if (!file) throw new Error(`the build has no web module ${name}:\n${output}`);
      return import(/* @vite-ignore */ pathToFileURL(file).href);
    },
    // Removes the node_modules link, not its target.
    remove: () => rmSync(project, { recursive: true, force: true }),
  };
}
