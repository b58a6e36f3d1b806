// Where OpenFGA's conformance corpus lives. Suites that need it skip with a printed notice when
// it is absent (a user's clone); under CI it is required.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export function conformanceDir(): string | undefined {
  const dir = resolve(process.env.RELATA_CONFORMANCE_DIR ?? resolve(import.meta.dirname, '../../../shared/conformance'));
  if (existsSync(dir)) return dir;
  if (process.env.CI) throw new Error(`conformance corpus not found at ${dir} (set RELATA_CONFORMANCE_DIR)`);
  console.warn(`[conformance] corpus not found at ${dir}: conformance suites skipped`);
  return undefined;
}

/** Prints one scoreboard line, e.g. `[conformance] dsl-syntax: 120 passed, 0 failed, 2 skipped`. */
export function printScore(suite: string, counts: { passed: number; failed: number; skipped: number }, skippedNames: string[] = []): void {
  console.log(`[conformance] ${suite}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  for (const name of skippedNames) console.log(`[conformance]   skipped: ${name}`);
}
