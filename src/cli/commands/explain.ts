// `relata explain OBJECT RELATION USER` (why a check is allowed or denied) and
// `relata permissions USER` (a permission snapshot, or with --object every relation on one
// object), against the datastore of RELATA_DATASTORE_URL (or --datastore), as the server would
// answer them. --json prints the service's answer as it is.
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { RelataError } from '../../model/errors.js';
import type { TupleKey } from '../../model/index.js';
import { silentLogger } from '../../observability/index.js';
import { createRelataService } from '../../service/index.js';
import type { RelataService } from '../../service/index.js';
import { openDatastore } from '../open-datastore.js';
import { formatExplanation } from './explain-format.js';

interface QueryFlags {
  datastore?: string;
  store: string;
  model?: string;
  context?: string;
  contextualTuple?: string[];
  json?: boolean;
}

function describeError(err: unknown): string {
  if (err instanceof RelataError) return `${err.message} (code ${err.code})`;
  return err instanceof Error ? err.message : String(err);
}

function parseJsonObject(text: string | undefined, flag: string): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${flag} must be a JSON object`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${flag} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** `object#relation@user` (as OpenFGA names a tuple), or that followed by a JSON condition `{name, context}`. */
function parseContextualTuple(text: string): TupleKey {
  const match = /^([^#@\s]+)#([^@\s]+)@(\S+?)(?:\s+(\{.*\}))?$/.exec(text.trim());
  if (!match) throw new Error(`--contextual-tuple '${text}' must be object#relation@user`);
  const key: TupleKey = { object: match[1]!, relation: match[2]!, user: match[3]! };
  const condition = parseJsonObject(match[4], '--contextual-tuple condition');
  if (condition) key.condition = condition as unknown as TupleKey['condition'];
  return key;
}

async function withService(flags: QueryFlags, command: string, run: (service: RelataService) => Promise<void>): Promise<void> {
  const env = flags.datastore ? { ...process.env, RELATA_DATASTORE_URL: flags.datastore } : process.env;
  try {
    const config = loadConfig(env);
    const datastore = await openDatastore(config.datastore);
    try {
      await run(createRelataService({ datastore, logger: silentLogger(), tokenSecret: config.tokenSecret }));
    } finally {
      await datastore.close();
    }
  } catch (err) {
    console.error(`relata ${command}: ${describeError(err)}`);
    process.exitCode = 1;
  }
}

function queryInput(flags: QueryFlags) {
  return {
    storeId: flags.store,
    authorizationModelId: flags.model,
    context: parseJsonObject(flags.context, '--context'),
    contextualTuples: (flags.contextualTuple ?? []).map(parseContextualTuple),
  };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const list = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean);

function queryOptions(command: Command): Command {
  return command
    .requiredOption('--store <id>', 'store id')
    .option('--model <id>', 'authorization model id (default: the latest)')
    .option('--context <json>', 'request context for conditions, a JSON object')
    .option('--contextual-tuple <tuple>', 'a tuple for this request only: object#relation@user (repeatable)', collect)
    .option('--datastore <url>', 'datastore URL (overrides RELATA_DATASTORE_URL)')
    .option('--json', 'print the answer as JSON');
}

export function registerExplainCommands(program: Command): void {
  queryOptions(program.command('explain'))
    .description('why a check is allowed (the path that granted it) or denied (the branches tried and why each failed)')
    .argument('<object>', 'type:id')
    .argument('<relation>', 'relation')
    .argument('<user>', 'type:id, type:* or type:id#relation')
    .option('--max-nodes <n>', 'most nodes in the explanation (1..10000, default 500)', (v) => Number(v))
    .action(async (object: string, relation: string, user: string, flags: QueryFlags & { maxNodes?: number }) => {
      await withService(flags, 'explain', async (service) => {
        const out = await service.explain({ ...queryInput(flags), tupleKey: { object, relation, user }, maxNodes: flags.maxNodes });
        if (flags.json) console.log(JSON.stringify(out, null, 2));
        else for (const line of formatExplanation(`${object}#${relation}@${user}`, out)) console.log(line);
        if (!out.allowed) process.exitCode = 2;
      });
    });

  queryOptions(program.command('permissions'))
    .description("a user's permission snapshot: every object#relation on the given types (all pages, one revision); with --object, every relation on that object")
    .argument('<user>', 'type:id, type:* or type:id#relation')
    .option('--object <object>', 'list the relations the user has on this one object')
    .option('--types <types>', 'object types, comma-separated (default: every type)', list)
    .option('--relations <relations>', 'relations, comma-separated (default: every relation)', list)
    .action(async (user: string, flags: QueryFlags & { object?: string; types?: string[]; relations?: string[] }) => {
      await withService(flags, 'permissions', async (service) => {
        if (flags.object) {
          const out = await service.listRelations({ ...queryInput(flags), object: flags.object, user, relations: flags.relations });
          if (flags.json) console.log(JSON.stringify(out, null, 2));
          else {
            for (const relation of out.relations) console.log(`${flags.object}#${relation}`);
            for (const failure of out.failures) console.error(`undecided ${flags.object}#${failure.relation}: ${failure.message} (code ${failure.code})`);
          }
          return;
        }
        let continuationToken = '';
        do {
          const page = await service.listPermissions({ ...queryInput(flags), user, types: flags.types, relations: flags.relations, pageSize: 1000, continuationToken });
          for (const p of page.permissions) console.log(flags.json ? JSON.stringify(p) : `${p.object}#${p.relation}`);
          for (const failure of page.conditionFailures) console.error(`undecided ${failure.object}#${failure.relation}: ${failure.message}`);
          if (page.truncated) console.error('relata permissions: the list deadline cut the snapshot short; permissions may be missing');
          continuationToken = page.continuationToken;
        } while (continuationToken);
      });
    });
}
