// Worker threads on Relata's own modules, whether Relata runs compiled (dist/, plain .js) or from
// its TypeScript sources (tsx, vitest): a worker's entry module is then a .ts file, and tsx's
// loader must be registered inside the worker before it is imported (execArgv's --import does
// not reach a worker's entry).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerOptions } from 'node:worker_threads';

const fromSources = import.meta.url.endsWith('.ts');

/** A worker running `entry`, the URL of a module's compiled name (`new URL('./x-worker.js', import.meta.url)`). */
export function startModuleWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!fromSources) return new Worker(entry, options);
  const source = entry.href.replace(/\.js$/, '.ts');
  // require.resolve finds tsx's CommonJS build; its ESM twin sits beside it.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`, { ...options, eval: true });
}
