// `relata model test FILE.fga.yaml...`: runs store test files as `fga model test` does and prints
// a readable report; exit code 1 when any file is invalid or any assertion fails.

import type { Command } from 'commander';
import type { AssertionKind, StoreTestReport } from './model-test-run.js';
import { runStoreTestFile } from './model-test-run.js';
import type { StoreFileIssue } from './model-test-file.js';

const kindLabels: Record<AssertionKind, string> = { check: 'Checks', list_objects: 'ListObjects', list_users: 'ListUsers' };

function formatIssue(issue: StoreFileIssue): string {
  const where = issue.instancePath || '(root)';
  const extra = issue.params?.additionalProperty !== undefined ? ` '${String(issue.params.additionalProperty)}'` : '';
  return `${where}: ${issue.message}${extra}`;
}

/** The report of one file as text lines (what the command prints). */
export function formatStoreTestReport(report: StoreTestReport): string[] {
  const lines: string[] = [];
  const title = report.name ? `${report.path} (${report.name})` : report.path;
  if (report.fileIssues.length > 0) {
    lines.push(`✗ ${title}: invalid store file`);
    for (const issue of report.fileIssues) lines.push(`  ${formatIssue(issue)}`);
    return lines;
  }
  if (report.errors.length > 0) {
    lines.push(`✗ ${title}`);
    for (const error of report.errors) lines.push(`  ${error}`);
    return lines;
  }
  lines.push(`${report.passed ? '✓' : '✗'} ${title}`);
  const totals = new Map<AssertionKind, { passed: number; total: number }>();
  for (const test of report.tests) {
    const failed = test.results.filter((r) => !r.passed);
    const ok = failed.length === 0 && test.errors.length === 0;
    lines.push(`  ${ok ? '✓' : '✗'} ${test.name}`);
    for (const error of test.errors) lines.push(`      ${error}`);
    for (const result of failed) lines.push(`      FAILED ${result.query}: expected ${result.expected}, got ${result.actual}`);
    for (const result of test.results) {
      const total = totals.get(result.kind) ?? { passed: 0, total: 0 };
      total.total++;
      if (result.passed) total.passed++;
      totals.set(result.kind, total);
    }
  }
  const passingTests = report.tests.filter((t) => t.errors.length === 0 && t.results.every((r) => r.passed)).length;
  lines.push(`  Tests ${passingTests}/${report.tests.length} passing`);
  for (const [kind, total] of totals) lines.push(`  ${kindLabels[kind]} ${total.passed}/${total.total} passing`);
  return lines;
}

export function registerModelTestCommand(program: Command): void {
  // `relata model` may already exist (validate, transform): add `test` to it.
  const model = program.commands.find((command) => command.name() === 'model')
    ?? program.command('model').description('Authorization model tools');
  model
    .command('test')
    .argument('[files...]', 'store test files (.fga.yaml): model or model_file, tuples, tests')
    .option('--tests <files...>', 'the same, as the fga CLI spells it')
    .description('run the check / list_objects / list_users tests of store files, as `fga model test` does')
    .action(async (positional: string[], options: { tests?: string[] }) => {
      const files = [...positional, ...(options.tests ?? [])];
      if (files.length === 0) {
        process.stderr.write('error: no store test file given (relata model test FILE.fga.yaml)\n');
        process.exitCode = 1;
        return;
      }
      let failed = false;
      for (const file of files) {
        const report = await runStoreTestFile(file);
        for (const line of formatStoreTestReport(report)) process.stdout.write(`${line}\n`);
        if (!report.passed) failed = true;
      }
      if (failed) process.exitCode = 1;
    });
}
