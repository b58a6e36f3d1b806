import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// The suite runs in two groups (sequence.groupOrder): first every file but those below, two files
// at a time in forks (at least two: vitest's default on the 2-core machine would be one), then the
// files below, one after another with nothing else running, as the whole suite used to run.
// The invalidation-lag, staleness and revocation tests run in the first group: beside another
// file their lags doubled (tokens 23 -> 180 ms, revocation push max 188 -> 278 ms, 2026-12-04)
// and stayed far under their 1,000 ms bounds, while running them alone cost ~3 minutes.
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
  // A CLI change pushed to a running server within 2 s, an unreachable Redis delaying a command
  // by under 10 s (the tightest wall-clock waits of the revocation tests).
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
    maxWorkers: Math.max(2, availableParallelism() - 1),
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
