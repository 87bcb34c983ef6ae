import { basename, dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { webMethodExports } from './web-method-exports';

const PREFIX = '\0web-methods:';
/** `…/backend/<file>.web` (with or without `.ts`), as page code imports a backend web module. */
const WEB_MODULE = /(^|\/)backend\/([\w-]+)\.web(\.ts)?$/;

/**
 * Served outside Wix, the page's `import { x } from '…/backend/<file>.web'` becomes a module of thin
 * functions that call `POST /web-methods/<file>/x` (one per export of the backend module, read from its
 * source), the way Wix turns the same import into calls to the web methods it hosts.
 */
export function webMethodsPlugin(options: { client: string }): Plugin {
  return {
    name: 'rewards-bridge:web-methods',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !WEB_MODULE.test(source)) return null;
      const file = resolve(dirname(importer), source.endsWith('.ts') ? source : `${source}.ts`);
      return `${PREFIX}${file}`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length);
      this.addWatchFile(file);
      const module = basename(file).replace(/\.web\.ts$/, '');
      const lines = [`import { callWebMethod } from ${JSON.stringify(options.client)};`];
      for (const name of webMethodExports(file)) {
        lines.push(
          `export const ${name} = (...args) => callWebMethod(${JSON.stringify(module)}, ${JSON.stringify(name)}, args);`,
        );
      }
      return `${lines.join('\n')}\n`;
    },
  };
}
