import { configDefaults, defineConfig } from 'vitest/config';

// The suite runs in two groups (sequence.groupOrder): first every file but those below, two files
// at a time in forks (one per core of the 2-core machine; vitest's default would be one), then the
// files below, one after another with nothing else running, as the whole suite used to run.
// Files may share the machine because each isolates itself: a PostgreSQL schema and Redis key
// prefix/channel with a random part, servers on port 0, mkdtemp folders.
//
// Vitest 3.2 sizes the forks pool once for the whole run (root maxWorkers), so a project's own
// maxWorkers/fileParallelism does not limit it; singleFork does: the serial group's files run in
// one fork, one at a time (module registry reset between files, as in any isolated fork).
const serialFiles = [
  // Event-loop stall bounds (a server's or the test process's own loop delay, measured).
  'test/integration/grpc-stall.test.ts',
  'test/integration/http-stall.test.ts',
  'src/observability/loop-delay.test.ts',
  'test/integration/grpc-fuzz.test.ts', // prints the loop delay under hostile load
  // Cross-replica invalidation lag and cache staleness bounds; the cluster test runs N server
  // processes and asserts a staleness bound across them.
  'test/cache/decision-cache-redis.test.ts',
  'test/cache/service-replicas.test.ts',
  'test/integration/cache-replicas.test.ts',
  'test/integration/tokens.test.ts',
  'test/integration/cluster-workers.test.ts',
  // API client revocation bounds between replicas (printed in the README) and the CLI's.
  'test/storage/api-client-revocation.test.ts',
  'test/storage/api-client-revocation-push.test.ts',
  'test/integration/grpc-auth-clients.test.ts',
  'src/cli/commands/clients.test.ts',
  // Wall-clock upper bounds on deadlines, evaluation cost limits and shutdown. (Bounds measured in
  // CPU time, test/helpers/cpu-time.ts, do not grow with the load and stay in the first group.)
  'src/engine/engine.test.ts',
  'src/engine/list/list-objects.test.ts',
  'src/engine/conditions/cost-meter.test.ts',
  'src/engine/conditions/evaluate.test.ts',
  'src/engine/conditions/std-overrides.test.ts',
  'test/integration/grpc-conditions.test.ts',
  'test/integration/grpc-model-limits.test.ts',
  'test/integration/grpc-shutdown.test.ts',
  'test/integration/grpc-transport-edge.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'parallel',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...serialFiles],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'serial',
          include: serialFiles,
          sequence: { groupOrder: 1 },
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
