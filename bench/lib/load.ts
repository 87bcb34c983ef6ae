import { Worker } from 'node:worker_threads';
import type { LoadJob, LoadRun } from './plan';

const tsxApi = import.meta.resolve('tsx/esm/api');
const workerFile = new URL('./load-worker.ts', import.meta.url).href;

/**
 * Fires `job` with autocannon from a worker thread (the server under test keeps the main thread) and
 * resolves with the warm-up and measured results. Duration-bound: it stops by itself.
 */
export function runLoad(job: LoadJob): Promise<LoadRun> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(job.url)) throw new Error(`load goes to loopback only: ${job.url}`);
  // A worker does not inherit tsx's loader for its entry file: load the TypeScript through tsx's API.
  const source = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(workerFile)}, ${JSON.stringify(import.meta.url)}))`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: job });
    worker.once('message', (result: LoadRun) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    // After a result this is a no-op: a settled promise ignores it.
    worker.once('exit', (code) => reject(new Error(`load worker exited with code ${code} and no result`)));
  });
}
