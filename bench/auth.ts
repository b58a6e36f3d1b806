// `tsx bench/auth.ts`: the auth rows alone, in a minute: two servers on the memory datastore (L1
// cache only), one with authentication off and one with a preshared key, each seeded with the
// tiny dataset; then Check L1 hits on both, back to back (auth-rows.ts). The full `npm run bench`
// runs the same rows on PostgreSQL + Redis replicas.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { transformDslToModel } from '../src/dsl/index.js';
import { authRows } from './auth-rows.js';
import type { CacheReplica } from './cache-rows.js';
import { generateDataset, presets } from './dataset.js';
import { runClosedLoop } from './lib/closed-loop.js';
import { BenchRecorder, log } from './lib/recorder.js';
import { RelataClient } from './lib/relata-client.js';
import { startServer } from './lib/server-process.js';

const requests = Number(process.argv[2] ?? '20000');
const model = transformDslToModel(readFileSync(new URL('../schema-examples/multi-tenant/model.fga', import.meta.url), 'utf8'));
const dataset = generateDataset(presets.tiny, 42, 200);
const key = randomBytes(24).toString('base64url');
const env = { RELATA_DATASTORE_URL: 'memory', RELATA_LOG_LEVEL: 'error' };

async function replica(label: string, extra: Record<string, string>, authorization?: string): Promise<CacheReplica> {
  const server = await startServer({ ...env, ...extra });
  const client = new RelataClient(server.address, { authorization });
  await client.setUp(`bench-auth-${label}`, model);
  const batches = Array.from({ length: Math.ceil(dataset.tuples.length / 100) }, (_, i) => dataset.tuples.slice(i * 100, i * 100 + 100));
  await runClosedLoop({ concurrency: 8, requests: batches.length, maxSeconds: 600, warmup: 0 }, (i) => client.write(batches[i]!));
  return { label, server, client };
}

const rec = new BenchRecorder();
const off = await replica('auth off', {});
const on = await replica('auth on', { RELATA_AUTHN_METHOD: 'preshared', RELATA_AUTHN_PRESHARED_KEYS: key }, `Bearer ${key}`);
try {
  const mix = [...dataset.checks.directAllowed, ...dataset.checks.deepAllowed];
  const aims = await authRows(rec, off, on, mix, (concurrency) => ({ concurrency, requests: concurrency === 1 ? Math.min(requests, 3000) : requests, maxSeconds: 20 }), 'preshared');
  for (const aim of aims) log(`${aim.met ? 'met' : 'NOT met'}: ${aim.what} c=${aim.concurrency}: ${aim.measured}`);
  for (const d of rec.disagreements.slice(0, 5)) log(`DISAGREEMENT: ${d}`);
} finally {
  off.client.close();
  on.client.close();
  await Promise.all([off.server.stop(), on.server.stop()]);
}
