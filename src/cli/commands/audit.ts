// `relata audit query | export | report | verify`: the audit trail from the datastore of
// RELATA_DATASTORE_URL (or --datastore), for operators with database access. Filters are
// validated as the relata.v1 calls validate them.
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { describeError } from './migrate.js';
import { allRecords, auditReport, toView, verifyAudit, type SpikeRule } from '../../audit/index.js';
import { auditFilter, type ReadAuditInput } from '../../service/audit.js';
import { continuationToken, requireUlid } from '../../service/validation.js';
import type { Datastore } from '../../storage/datastore.js';
import { openDatastore } from '../open-datastore.js';
import { formatAudit, type AuditFormat } from './audit-format.js';

interface CommonOptions {
  datastore?: string;
}

interface FilterOptions extends CommonOptions {
  store?: string;
  /** The global chain's store-less records (API client changes) instead of a store's. */
  global?: boolean;
  actor?: string;
  object?: string;
  subject?: string;
  op?: string;
  kind?: string;
  decision?: string;
  from?: string;
  to?: string;
}

function time(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`${flag} must be a time such as 2026-12-01T00:00:00Z, got '${value.slice(0, 64)}'`);
  return date;
}

/** The store of `--store`, or '' (the global chain, as ReadAuditInput has it) for `--global`. */
function storeOrGlobal(options: { store?: string; global?: boolean }): string {
  if ((options.store === undefined) === !options.global) throw new Error('give either --store <id> or --global (the store-less records of API client changes)');
  return options.global ? '' : requireUlid(options.store, '--store');
}

function filterInput(options: FilterOptions): ReadAuditInput {
  return {
    storeId: storeOrGlobal(options),
    actor: options.actor,
    object: options.object,
    subject: options.subject,
    operation: options.op,
    kind: options.kind,
    decision: options.decision,
    from: time(options.from, '--from'),
    to: time(options.to, '--to'),
  };
}

/** Opens the datastore, migrates it (the audit tables may be new), runs `fn`; errors exit 1. */
async function withDatastore(name: string, options: CommonOptions, fn: (datastore: Datastore, spikes: SpikeRule) => Promise<number | void>): Promise<void> {
  const env = options.datastore ? { ...process.env, RELATA_DATASTORE_URL: options.datastore } : process.env;
  try {
    const config = loadConfig(env);
    const datastore = await openDatastore(config.datastore);
    try {
      await datastore.migrate();
      const spikes = { minDenials: config.audit.spikeMinDenials, multiple: config.audit.spikeMultiple, windowMs: config.audit.spikeWindowSeconds * 1000 };
      const code = await fn(datastore, spikes);
      if (code) process.exitCode = code;
    } finally {
      await datastore.close();
    }
  } catch (err) {
    console.error(`relata audit ${name}: ${describeError(err)}`);
    process.exitCode = 2;
  }
}

function filterFlags(command: Command): Command {
  return command
    .option('--store <id>', 'store id')
    .option('--global', "the global chain's store-less records (API client changes) instead of a store's")
    .option('--actor <actor>', 'exact actor: <kind>:<id>, peer:<ip>, in-process, unknown')
    .option('--object <object>', 'records naming this object (type:id)')
    .option('--subject <subject>', 'records naming this subject (type:id or type:id#relation)')
    .option('--op <operation>', 'the API call, e.g. Write, CreateStore, WriteAuthorizationModel, Check')
    .option('--kind <kind>', 'change or decision')
    .option('--decision <result>', 'decisions with this result: allowed or denied')
    .option('--from <time>', 'records at or after this time (ISO 8601)')
    .option('--to <time>', 'records before this time (ISO 8601)')
    .option('--datastore <url>', 'datastore URL (overrides RELATA_DATASTORE_URL)');
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('query, export, report on and verify the audit trail');

  filterFlags(audit.command('query').description('audit records, newest first, one page at a time'))
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--page-size <n>', 'records per page (1..1000)', '50')
    .option('--page-token <token>', 'continue after the previous page (printed to stderr)')
    .action((options: FilterOptions & { format: string; pageSize: string; pageToken?: string }) =>
      withDatastore('query', options, async (datastore) => {
        if (!['table', 'json', 'csv'].includes(options.format)) throw new Error(`--format must be table, json or csv, got '${options.format.slice(0, 32)}'`);
        const size = Number(options.pageSize);
        if (!Number.isInteger(size) || size < 1 || size > 1000) throw new Error('--page-size must be an integer from 1 to 1000');
        const filter = auditFilter(filterInput(options));
        const page = await datastore.queryAudit(filter, { pageSize: size, continuationToken: continuationToken(options.pageToken, '--page-token') });
        console.log(formatAudit(page.items.map(toView), options.format as AuditFormat));
        if (page.continuationToken) console.error(`next page: --page-token ${page.continuationToken}`);
      }),
    );

  filterFlags(audit.command('export').description('every matching record as JSON lines, newest first')).action((options: FilterOptions) =>
    withDatastore('export', options, async (datastore) => {
      // A reader that stops early (`| head`) closes the pipe: stop exporting, not an error.
      let closed = false;
      process.stdout.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') throw err;
        closed = true;
        process.stdout.emit('drain');
      });
      for await (const record of allRecords(datastore, auditFilter(filterInput(options)))) {
        if (closed) break;
        if (!process.stdout.write(`${JSON.stringify(toView(record))}\n`)) await new Promise((resolve) => process.stdout.once('drain', resolve));
      }
    }),
  );

  audit
    .command('report')
    .description('changes by actor, decisions by result, top denied subjects and objects, suspicious denial spikes')
    .option('--store <id>', 'store id')
    .option('--global', "the global chain's store-less records (API client changes) instead of a store's")
    .option('--from <time>', 'start (ISO 8601; default 24 hours before --to)')
    .option('--to <time>', 'end (ISO 8601; default now)')
    .option('--format <format>', 'text or json', 'text')
    .option('--datastore <url>', 'datastore URL (overrides RELATA_DATASTORE_URL)')
    .action((options: CommonOptions & { store?: string; global?: boolean; from?: string; to?: string; format: string }) =>
      withDatastore('report', options, async (datastore, spikes) => {
        const to = time(options.to, '--to') ?? new Date();
        const from = time(options.from, '--from') ?? new Date(to.getTime() - 86_400_000);
        const storeId = storeOrGlobal(options);
        auditFilter({ storeId, from, to });
        const report = await auditReport(datastore, { storeId, from, to, spikes });
        if (options.format === 'json') return void console.log(JSON.stringify(report, null, 2));
        const list = (title: string, items: { key: string; count: number }[]) =>
          `${title}:\n${items.length ? items.map((i) => `  ${String(i.count).padStart(8)}  ${i.key}`).join('\n') : '  (none)'}`;
        console.log(
          [
            `audit report for ${storeId ? `store ${storeId}` : 'the global chain'}, ${report.from} to ${report.to}${report.truncated ? ' (truncated)' : ''}`,
            list('changes by actor', report.changesByActor),
            list('changes by operation', report.changesByOperation),
            list('decisions by result', report.decisionsByResult),
            list('top denied subjects', report.topDeniedSubjects),
            list('top denied objects', report.topDeniedObjects),
            `suspicious denial spikes (> ${spikes.minDenials} and > ${spikes.multiple}x baseline per ${spikes.windowMs / 1000}s):\n${
              report.suspiciousDenials.length
                ? report.suspiciousDenials.map((s) => `  ${s.windowStart}  ${s.subject}  ${s.denials} denials (baseline ${s.baseline.toFixed(1)})`).join('\n')
                : '  (none)'
            }`,
          ].join('\n\n'),
        );
      }),
    );

  audit
    .command('verify')
    .description('walk the hash chains; exit 1 at the first altered, missing or reordered record')
    .option('--store <id>', 'only this store (default: every chain)')
    .option('--datastore <url>', 'datastore URL (overrides RELATA_DATASTORE_URL)')
    .action((options: CommonOptions & { store?: string }) =>
      withDatastore('verify', options, async (datastore) => {
        const storeId = options.store === undefined ? undefined : auditFilter({ storeId: options.store }).storeId;
        const reports = await verifyAudit(datastore, { storeId });
        for (const r of reports) {
          console.log(r.problem ? `FAIL ${r.chain}: ${r.problem.message}` : `ok   ${r.chain}: ${r.records} records, head ${r.headSeq} ${r.headHash}`);
        }
        const failed = reports.filter((r) => r.problem).length;
        console.log(failed ? `relata audit verify: ${failed} of ${reports.length} chains FAILED` : `relata audit verify: ${reports.length} chains ok`);
        return failed ? 1 : 0;
      }),
    );
}
