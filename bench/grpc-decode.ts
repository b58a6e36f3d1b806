// Cost of decoding a Check request: proto-loader's stock deserializer against the strict one the
// server uses (UTF-8 validated string fields, bounded nesting). Run with
// `npx tsx bench/grpc-decode.ts [iterations]`; prints ns per decode for a minimal Check and for
// one with contextual tuples and a context.
import { performance } from 'node:perf_hooks';
import { loadSync } from '@grpc/proto-loader';
import { protoFiles, protoLoaderOptions, relataPackageDefinition } from '../src/transport/grpc/proto.js';

interface Method {
  requestSerialize(value: object): Buffer;
  requestDeserialize(bytes: Buffer): unknown;
}

const method = (definition: Record<string, unknown>): Method => (definition['openfga.v1.OpenFGAService'] as Record<string, Method>).Check;
const stock = method(loadSync(protoFiles, protoLoaderOptions));
const strict = method(relataPackageDefinition());

const minimal = stock.requestSerialize({
  store_id: '01HZX3K6Q3W1V0Y8B5M2N4P6R8',
  authorization_model_id: '01HZX3K6Q3W1V0Y8B5M2N4P6R9',
  tuple_key: { user: 'user:anne', relation: 'viewer', object: 'document:roadmap-2026' },
});
const rich = stock.requestSerialize({
  store_id: '01HZX3K6Q3W1V0Y8B5M2N4P6R8',
  tuple_key: { user: 'user:anne', relation: 'viewer', object: 'document:roadmap-2026' },
  contextual_tuples: { tuple_keys: Array.from({ length: 5 }, (_, i) => ({ user: `user:u${i}`, relation: 'viewer', object: `document:d${i}` })) },
  context: { fields: { ip: { stringValue: '10.0.0.1' }, now: { stringValue: '2026-01-01T00:00:00Z' }, tags: { listValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } } } },
});

const iterations = Number(process.argv[2] ?? 300_000);

function nsPerDecode(deserialize: (bytes: Buffer) => unknown, bytes: Buffer): number {
  for (let i = 0; i < 20_000; i++) deserialize(bytes);
  const started = performance.now();
  for (let i = 0; i < iterations; i++) deserialize(bytes);
  return ((performance.now() - started) * 1e6) / iterations;
}

const accented = stock.requestSerialize({
  store_id: '01HZX3K6Q3W1V0Y8B5M2N4P6R8',
  tuple_key: { user: 'user:zoë', relation: 'viewer', object: 'document:résumé-çà-😀' },
});

const cases = [
  ['minimal Check', minimal],
  ['Check + 5 contextual tuples + context', rich],
  ['Check with non-ASCII ids', accented],
] as const;

for (const [name, bytes] of cases) {
  // Interleaved rounds: the machine is shared, so the best of six is the least disturbed.
  const rounds = [0, 1, 2, 3, 4, 5].map(() => [nsPerDecode(stock.requestDeserialize, bytes), nsPerDecode(strict.requestDeserialize, bytes)]);
  const before = Math.min(...rounds.map((r) => r[0]));
  const after = Math.min(...rounds.map((r) => r[1]));
  console.log(`${name} (${bytes.length} B): stock ${before.toFixed(0)} ns, strict ${after.toFixed(0)} ns (${(((after - before) / before) * 100).toFixed(1)}%)`);
}
