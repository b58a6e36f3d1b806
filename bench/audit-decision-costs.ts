// Where a logged decision's CPU goes, step by step, in one process (counts per record that machine
// load moves much less than throughput): the flat copy on the request path, the structured clone
// to the log's worker, sealing (mask, canonical encoding, SHA-256), the clone of sealed records
// back (only backends whose appends stay on the main thread: PGlite, memory) and the memory
// datastore's append. Usage: npx tsx bench/audit-decision-costs.ts [records]
import { readFileSync } from 'node:fs';
import { createMasker, decisionRecord, sealDecisions, type DecisionEvent, type DecisionRecord } from '../src/audit/index.js';
import { createMemoryDatastore } from '../src/storage/memory/index.js';

const n = Number(process.argv[2] ?? 50_000);
const batch = 500;
const caller = { principal: { kind: 'client' as const, id: '01HCLIENT0000000000000000', scopes: new Map() }, requestId: '01HREQUEST000000000000000', peerAddress: '10.1.2.3', userAgent: 'grpc-node-js/1.12' };
const events: DecisionEvent[] = Array.from({ length: n }, (_, i) => ({
  operation: 'Check', storeId: '01HSTORE000000000000000000', user: `user:${i % 1000}`, relation: 'viewer', object: `doc:${i % 5000}`,
  allowed: i % 3 !== 0, modelId: '01HMODEL000000000000000000', cache: 'l1', latencyMs: 0.0123, caller,
}));
const data: DecisionRecord[] = events.map((e) => decisionRecord(e, Date.now()));
const mask = createMasker([]);
const us = (start: NodeJS.CpuUsage): number => { const u = process.cpuUsage(start); return (u.user + u.system) / n; };
const steps: Record<string, number[]> = { copy: [], cloneOut: [], seal: [], cloneBack: [], memoryAppend: [] };
for (let round = 0; round < 5; round++) {
  let t = process.cpuUsage();
  const copies = events.map((e) => decisionRecord(e, 1_700_000_000_000));
  steps.copy.push(us(t));
  copies.length = 0;
  t = process.cpuUsage();
  for (let i = 0; i < n; i += batch) structuredClone(data.slice(i, i + batch));
  steps.cloneOut.push(us(t));
  t = process.cpuUsage();
  const sealed = [];
  for (let i = 0; i < n; i += batch) sealed.push(sealDecisions(data.slice(i, i + batch), new Map([['d:01HSTORE000000000000000000', { seq: BigInt(i), hash: 'x'.repeat(64) }]]), mask));
  steps.seal.push(us(t));
  t = process.cpuUsage();
  for (const records of sealed) structuredClone(records);
  steps.cloneBack.push(us(t));
  const ds = createMemoryDatastore();
  t = process.cpuUsage();
  for (const records of sealed) await ds.appendAuditBatch({ chains: [records[0].chain], seal: () => Promise.resolve(records) });
  steps.memoryAppend.push(us(t));
}
const median = (xs: number[]) => +[...xs].sort((a, b) => a - b)[2].toFixed(2);
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(JSON.stringify({ records: n, load, usPerRecord: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, median(v)])) }));
