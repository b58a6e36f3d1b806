#!/usr/bin/env node
// Runs the compiled CLI (dist/) when it is built from the current sources, else the TypeScript
// sources through tsx, so that `npx relata` and `npm start` work without a build step
// (runtime.js; RELATA_RUNTIME=dist|tsx forces one).
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { pickRuntime } from './runtime.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let runtime;
try {
  runtime = pickRuntime(root);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
if (runtime === 'dist') {
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
