import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerModelCommands } from './model.js';

const dir = mkdtempSync(join(tmpdir(), 'relata-model-cli-'));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

let out = '';
let err = '';

beforeEach(() => {
  out = '';
  err = '';
  process.exitCode = undefined;
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function relata(...args: string[]): Promise<number> {
  const program = new Command('relata').exitOverride();
  registerModelCommands(program);
  await program.parseAsync(['node', 'relata', ...args]);
  return Number(process.exitCode ?? 0);
}

const good = 'model\n  schema 1.1\n\ntype user\n\ntype doc\n  relations\n    define viewer: [user]\n';

describe('relata model', () => {
  it('validate: ok for a valid model', async () => {
    expect(await relata('model', 'validate', write('good.fga', good))).toBe(0);
    expect(out).toContain('ok');
  });

  it('validate: file:line:col per syntax error, exit 1', async () => {
    const file = write('syntax.fga', 'model\n  schema 1.1\ntype user\n  relations\n    define a: [user] and or\n');
    expect(await relata('model', 'validate', file)).toBe(1);
    expect(err).toBe(`${file}:5:26: mismatched input 'or' expecting {'(', IDENTIFIER, 'module', 'model', 'schema', 'extend', 'type', 'relation', EXTENDED_IDENTIFIER}\n`);
  });

  it('validate: semantic errors through validateModel', async () => {
    const file = write('semantic.fga', 'model\n  schema 1.1\ntype user\n  relations\n    define a: [user] or missing\n');
    expect(await relata('model', 'validate', file)).toBe(1);
    expect(err).toContain(`${file}:5:`);
    expect(err).toContain('missing');
  });

  it('transform: DSL -> JSON -> DSL by extension', async () => {
    expect(await relata('model', 'transform', write('t.fga', good))).toBe(0);
    const json = JSON.parse(out) as { schema_version: string };
    expect(json.schema_version).toBe('1.1');
    const jsonFile = write('t.json', out);
    out = '';
    expect(await relata('model', 'transform', jsonFile)).toBe(0);
    expect(out).toBe(good);
  });

  it('transform: a model without types has no type_definitions in JSON, as openfga/language writes it', async () => {
    expect(await relata('model', 'transform', write('empty.fga', 'model\n  schema 1.1\n'))).toBe(0);
    expect(out).toBe('{\n  "schema_version": "1.1"\n}\n');
    out = '';
    expect(await relata('model', 'transform', write('empty.json', '{"schema_version":"1.1","type_definitions":[]}'), '--to', 'json')).toBe(0);
    expect(JSON.parse(out)).toEqual({ schema_version: '1.1' });
  });

  it('transform: --to dsl on a DSL file prints it normalized', async () => {
    expect(await relata('model', 'transform', write('n.fga', good.replace('[user]', '[ user ]')), '--to', 'dsl')).toBe(0);
    expect(out).toBe(good);
  });

  it('bad input: missing file, unknown extension, bad --to: message, exit 1, no stack', async () => {
    expect(await relata('model', 'validate', join(dir, 'nope.fga'))).toBe(1);
    expect(err).toMatch(/nope\.fga: no such file/);
    err = '';
    expect(await relata('model', 'validate', write('x.txt', good))).toBe(1);
    expect(err).toMatch(/unknown model file extension '\.txt'/);
    err = '';
    expect(await relata('model', 'transform', write('y.fga', good), '--to', 'yaml')).toBe(1);
    expect(err).toMatch(/--to must be json or dsl/);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('validate: a modular model through its fga.mod', async () => {
    write('core.fga', 'module core\n\ntype user\n');
    write('more.fga', 'module more\n\nextend type user\n  relations\n    define friend: [user]\n');
    const mod = write('fga.mod', "schema: '1.2'\ncontents:\n  - core.fga\n  - more.fga\n");
    expect(await relata('model', 'validate', mod)).toBe(0);
    expect(await relata('model', 'transform', mod, '--to', 'dsl')).toBe(0);
    expect(out).toContain('define friend: [user]');
    out = '';
    expect(await relata('model', 'transform', mod, '--to', 'dsl', '--source-info')).toBe(0);
    expect(out).toContain('define friend: [user] # extended by: module: more, file: more.fga');
  });
});
