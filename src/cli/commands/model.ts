// `relata model validate FILE` and `relata model transform FILE [--to json|dsl]`: the DSL compiler
// and semantic validation from the command line. Input problems print `file:line:col: message`
// (1-based) on stderr and exit 1; nothing here prints a stack trace for bad input.
import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import type { Command } from 'commander';
import { formatDslError, modelJsonText, parseDsl, parseFgaMod, printModel, transformModuleFiles } from '../../dsl/index.js';
import type { DslError } from '../../dsl/index.js';
import { RelataError } from '../../model/errors.js';
import type { ModelError } from '../../model/model-error.js';
import { parseJsonModel } from '../../model/parse-json-model.js';
import type { AuthorizationModel } from '../../model/types.js';
import { validateModel } from '../../model/validate-model.js';

type InputKind = 'dsl' | 'json' | 'mod';

interface Loaded {
  model?: AuthorizationModel;
  /** Already formatted `file:line:col: message` lines. */
  problems: string[];
}

/** A usage problem (missing file, unknown extension): message only, exit 1. */
class UsageError extends Error {}

function inputKind(file: string): InputKind {
  if (file.endsWith('fga.mod')) return 'mod';
  const ext = extname(file).toLowerCase();
  if (ext === '.fga' || ext === '.openfga') return 'dsl';
  if (ext === '.json') return 'json';
  throw new UsageError(`${file}: unknown model file extension '${ext || '(none)'}' (expected .fga, .json or fga.mod)`);
}

function readText(file: string): string {
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new UsageError(`${file}: no such file`);
  }
  if (!isFile) throw new UsageError(`${file}: not a file`);
  return readFileSync(file, 'utf8');
}

function formatModelError(error: ModelError, file: string): string {
  const where = error.line && error.column ? `:${error.line.start + 1}:${error.column.start + 1}` : '';
  return `${error.file ?? file}${where}: ${error.message}`;
}

function loadDsl(file: string, validate: boolean): Loaded {
  const source = readText(file);
  const { model, errors } = parseDsl(source);
  if (errors.length > 0) return { problems: errors.map((e) => formatDslError(e, file)) };
  const semantic = validate ? validateModel(model, { source }) : [];
  return { model, problems: semantic.map((e) => formatModelError(e, file)) };
}

function loadJson(file: string, validate: boolean): Loaded {
  const parsed = parseJsonModel(readText(file));
  if (!parsed.model || parsed.errors.length > 0) return { problems: parsed.errors.map((e) => formatModelError(e, file)) };
  const semantic = validate ? validateModel(parsed.model) : [];
  return { model: parsed.model, problems: semantic.map((e) => formatModelError(e, file)) };
}

function loadModules(file: string, validate: boolean): Loaded {
  const manifest = readText(file);
  const base = dirname(file);
  const { mod, errors } = parseFgaMod(manifest);
  if (!mod) return { problems: errors.map((e: DslError) => formatDslError(e, file)) };
  const files = mod.contents.value.map((item) => ({ name: item.value, contents: readText(join(base, item.value)) }));
  const result = transformModuleFiles(files, manifest, { validate });
  const problems = result.errors.map((e) => formatDslError(e, e.file && e.file !== 'fga.mod' ? relative('.', join(base, e.file)) : file));
  return { model: result.model, problems };
}

function load(file: string, validate: boolean): Loaded {
  const kind = inputKind(file);
  if (kind === 'dsl') return loadDsl(file, validate);
  if (kind === 'json') return loadJson(file, validate);
  return loadModules(file, validate);
}

/** Runs a command body, turning input problems into a message and exit code 1. */
function run(body: () => void): void {
  try {
    body();
  } catch (error) {
    if (error instanceof UsageError || error instanceof RelataError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

function fail(problems: string[]): void {
  for (const line of problems) process.stderr.write(`${line}\n`);
  process.exitCode = 1;
}

export function registerModelCommands(program: Command): void {
  const model = program.command('model').description('Authorization model tools (OpenFGA DSL / JSON / fga.mod)');

  model
    .command('validate')
    .argument('<file>', 'model file: .fga (DSL), .json (OpenFGA JSON) or fga.mod (modular model)')
    .description('check a model for syntax and semantic errors; prints file:line:col: message per error')
    .action((file: string) =>
      run(() => {
        const { problems } = load(file, true);
        if (problems.length > 0) return fail(problems);
        process.stdout.write(`${file}: ok\n`);
      }),
    );

  model
    .command('transform')
    .argument('<file>', 'model file: .fga, .json or fga.mod')
    .option('--to <format>', 'output format: json or dsl (default: the other one of the input)')
    .option('--source-info', 'DSL output of a modular model: add `# module: m, file: f` comments')
    .description('convert a model between DSL and JSON')
    .action((file: string, options: { to?: string; sourceInfo?: boolean }) =>
      run(() => {
        const kind = inputKind(file);
        const to = options.to ?? (kind === 'json' ? 'dsl' : 'json');
        if (to !== 'json' && to !== 'dsl') throw new UsageError(`--to must be json or dsl, got '${to}'`);
        const { model: loaded, problems } = load(file, false);
        if (!loaded || problems.length > 0) return fail(problems);
        const text = to === 'json' ? modelJsonText(loaded) : printModel(loaded, { includeSourceInformation: options.sourceInfo });
        process.stdout.write(text);
      }),
    );
}
