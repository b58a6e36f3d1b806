// Where OpenFGA's conformance corpus lives, and what its suites share: loading the server's test
// files, counting outcomes, the scoreboard. Suites that need the corpus skip with a printed
// notice when it is absent (a user's clone); under CI it is required.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export function conformanceDir(): string | undefined {
  const dir = resolve(process.env.RELATA_CONFORMANCE_DIR ?? resolve(import.meta.dirname, '../../../shared/conformance'));
  if (existsSync(dir)) return dir;
  if (process.env.CI) throw new Error(`conformance corpus not found at ${dir} (set RELATA_CONFORMANCE_DIR)`);
  console.warn(`[conformance] corpus not found at ${dir}: conformance suites skipped`);
  return undefined;
}

/** Prints one scoreboard line, e.g. `[conformance] dsl-syntax: 120 passed, 0 failed, 2 skipped`. */
export function printScore(suite: string, counts: Counts, skippedNames: string[] = []): void {
  console.log(`[conformance] ${suite}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  for (const name of skippedNames) console.log(`[conformance]   skipped: ${name}`);
}

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export function newCounts(): Counts {
  return { passed: 0, failed: 0, skipped: 0 };
}

/** A test body whose outcome is added to `counts` (the error still fails the test). */
export function counted(counts: Counts, fn: () => void): () => void {
  return () => {
    try {
      fn();
      counts.passed++;
    } catch (error) {
      counts.failed++;
      throw error;
    }
  };
}

/** The engine test files of OpenFGA's server in the corpus (`openfga-server/`). */
export const conformanceFiles = ['consolidated_1_1_tests.yaml', 'abac_tests.yaml'] as const;

/** The tests of one `openfga-server/` YAML file, stages as the file writes them. */
export function loadServerTests<S>(corpusDir: string, file: string): { name: string; stages: S[] }[] {
  return (parse(readFileSync(join(corpusDir, 'openfga-server', file), 'utf8')) as { tests: { name: string; stages: S[] }[] }).tests;
}
