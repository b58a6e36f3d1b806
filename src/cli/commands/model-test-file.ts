// Store test files (`*.fga.yaml`, the format `fga model test` runs): reading, shape checks with
// the fga CLI's messages (its JSON schema: no unknown keys, `tests` required, `model` or
// `model_file` present), and loading of the model and tuple files they name.

import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { AuthorizationModel, TupleKey } from '../../model/index.js';
import { ownValue, parseJsonModel, validateModel } from '../../model/index.js';
import { parseDsl, transformModuleFiles } from '../../dsl/index.js';
import { readTupleFile, tupleFileFormat } from '../tuple-files/read-tuples.js';
import type { TupleFileFormat } from '../tuple-files/read-tuples.js';

/** One problem with the file itself, shaped like the fga CLI's (ajv) schema errors. */
export interface StoreFileIssue {
  instancePath: string;
  keyword: string;
  message: string;
  params?: Record<string, unknown>;
}

export interface CheckTest {
  user?: string;
  users?: string[];
  object?: string;
  objects?: string[];
  context?: Record<string, unknown>;
  contextual_tuples?: TupleKey[];
  assertions: Record<string, boolean>;
}

export interface ListObjectsTest {
  user: string;
  type: string;
  context?: Record<string, unknown>;
  contextual_tuples?: TupleKey[];
  assertions: Record<string, string[]>;
}

export interface ListUsersTest {
  object: string;
  user_filter: { type: string; relation?: string }[];
  context?: Record<string, unknown>;
  contextual_tuples?: TupleKey[];
  assertions: Record<string, { users?: string[] }>;
}

export interface StoreTest {
  name?: string;
  description?: string;
  /**
   * Relata extension: the instant (RFC 3339) at which the test's reads happen, for tuples with
   * `expires_at` (default: the time the test runs). The fga CLI does not know it.
   */
  now?: string;
  tuple_file?: string;
  tuple_files?: string[];
  tuples?: TupleKey[];
  check?: CheckTest[];
  list_objects?: ListObjectsTest[];
  list_users?: ListUsersTest[];
}

export interface StoreFile {
  name?: string;
  model?: string;
  model_file?: string;
  tuple_file?: string;
  tuple_files?: string[];
  tuples?: TupleKey[];
  tests: StoreTest[];
}

type Shape = { [key: string]: 'string' | 'object' | 'array' | 'boolean' };

const rootKeys: Shape = { name: 'string', model_file: 'string', model: 'string', tuple_file: 'string', tuple_files: 'array', tuples: 'array', tests: 'array' };
// `expires_at` (tuples) and `now` (tests) are Relata's extensions for expiring grants.
const tupleKeys: Shape = { user: 'string', relation: 'string', object: 'string', condition: 'object', expires_at: 'string' };
const testKeys: Shape = {
  name: 'string', description: 'string', now: 'string', tuple_file: 'string', tuple_files: 'array', tuples: 'array', check: 'array', list_objects: 'array', list_users: 'array',
};
const checkKeys: Shape = { user: 'string', users: 'array', object: 'string', objects: 'array', assertions: 'object', context: 'object', contextual_tuples: 'array' };
const listObjectsKeys: Shape = { user: 'string', relation: 'string', type: 'string', assertions: 'object', context: 'object', contextual_tuples: 'array' };
const listUsersKeys: Shape = { object: 'string', user_filter: 'array', context: 'object', assertions: 'object', contextual_tuples: 'array' };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

/** Checks one object against its allowed keys; returns false when it is not an object at all. */
function checkShape(value: unknown, path: string, shape: Shape, required: string[], issues: StoreFileIssue[]): value is Record<string, unknown> {
  if (!isObject(value)) {
    issues.push({ instancePath: path, keyword: 'type', message: 'must be object', params: { type: 'object' } });
    return false;
  }
  for (const key of required) {
    if (!Object.hasOwn(value, key)) issues.push({ instancePath: path, keyword: 'required', message: `must have required property '${key}'`, params: { missingProperty: key } });
  }
  for (const [key, item] of Object.entries(value)) {
    const expected = ownValue(shape, key);
    if (!expected) {
      issues.push({ instancePath: path, keyword: 'additionalProperties', message: 'must NOT have additional properties', params: { additionalProperty: key } });
    } else if (typeOf(item) !== expected) {
      issues.push({ instancePath: `${path}/${key}`, keyword: 'type', message: `must be ${expected}`, params: { type: expected } });
    }
  }
  return true;
}

function checkTuples(value: unknown, path: string, issues: StoreFileIssue[]): void {
  if (!Array.isArray(value)) return;
  value.forEach((tuple, i) => {
    if (!checkShape(tuple, `${path}/${i}`, tupleKeys, ['user', 'relation', 'object'], issues)) return;
    const condition = tuple.condition;
    if (isObject(condition)) checkShape(condition, `${path}/${i}/condition`, { name: 'string', context: 'object' }, ['name'], issues);
  });
}

function checkEach(value: unknown, path: string, shape: Shape, required: string[], issues: StoreFileIssue[], inner?: (item: Record<string, unknown>, path: string) => void): void {
  if (!Array.isArray(value)) return;
  value.forEach((item, i) => {
    if (checkShape(item, `${path}/${i}`, shape, required, issues)) inner?.(item, `${path}/${i}`);
  });
}

/** The fga CLI's schema rules for a store file; an empty list means the shape is valid. */
export function validateStoreFile(data: unknown): StoreFileIssue[] {
  const issues: StoreFileIssue[] = [];
  if (!checkShape(data, '', rootKeys, ['tests'], issues)) return issues;
  if (!('model' in data) && !('model_file' in data)) {
    issues.unshift({ instancePath: '', keyword: 'valid_store', message: "'model' or 'model_file' must be presenet keys." });
  }
  checkTuples(data.tuples, '/tuples', issues);
  checkEach(data.tests, '/tests', testKeys, [], issues, (test, path) => {
    checkTuples(test.tuples, `${path}/tuples`, issues);
    checkEach(test.check, `${path}/check`, checkKeys, ['assertions'], issues, (check, checkPath) => {
      if (!('user' in check) && !('users' in check)) issues.push({ instancePath: checkPath, keyword: 'required', message: "must have required property 'user'", params: { missingProperty: 'user' } });
      if (!('object' in check) && !('objects' in check)) issues.push({ instancePath: checkPath, keyword: 'required', message: "must have required property 'object'", params: { missingProperty: 'object' } });
      checkTuples(check.contextual_tuples, `${checkPath}/contextual_tuples`, issues);
    });
    checkEach(test.list_objects, `${path}/list_objects`, listObjectsKeys, ['user', 'type', 'assertions'], issues, (item, itemPath) =>
      checkTuples(item.contextual_tuples, `${itemPath}/contextual_tuples`, issues));
    checkEach(test.list_users, `${path}/list_users`, listUsersKeys, ['object', 'user_filter', 'assertions'], issues, (item, itemPath) => {
      checkTuples(item.contextual_tuples, `${itemPath}/contextual_tuples`, issues);
      if (isObject(item.assertions)) {
        for (const [relation, expected] of Object.entries(item.assertions)) {
          checkShape(expected, `${itemPath}/assertions/${relation}`, { users: 'array' }, [], issues);
        }
      }
    });
  });
  return issues;
}

/** Reads and shape-checks a store file. */
export function readStoreFile(path: string): { file?: StoreFile; issues: StoreFileIssue[] } {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    return { issues: [{ instancePath: '', keyword: 'parse', message: `cannot read store file: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const issues = validateStoreFile(data);
  return issues.length > 0 ? { issues } : { file: data as StoreFile, issues };
}

/** The model of a store file: inline DSL, or a `.fga`, `.json` or `fga.mod` file next to it. */
export function loadStoreModel(file: StoreFile, baseDir: string): { model?: AuthorizationModel; errors: string[] } {
  if (file.model !== undefined) return compileDsl(file.model);
  const path = resolve(baseDir, file.model_file ?? '');
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    return { errors: [`cannot read model_file '${file.model_file}': ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (path.endsWith('.json')) {
    const parsed = parseJsonModel(source);
    const errors = parsed.errors.map((e) => e.message);
    if (!parsed.model || errors.length > 0) return { errors };
    return { model: parsed.model, errors: validateModel(parsed.model).map((e) => e.message) };
  }
  if (path.endsWith('fga.mod')) {
    const mod = parseYaml(source) as { contents?: unknown };
    const contents = Array.isArray(mod?.contents) ? mod.contents.filter((c): c is string => typeof c === 'string') : [];
    try {
      const files = contents.map((name) => ({ name, contents: readFileSync(resolve(dirname(path), name), 'utf8') }));
      const result = transformModuleFiles(files, source);
      return result.errors.length > 0 ? { errors: result.errors.map((e) => e.message) } : { model: result.model, errors: [] };
    } catch (error) {
      return { errors: [`cannot read a module of '${file.model_file}': ${error instanceof Error ? error.message : String(error)}`] };
    }
  }
  return compileDsl(source);
}

function compileDsl(source: string): { model?: AuthorizationModel; errors: string[] } {
  const { model, errors } = parseDsl(source);
  if (errors.length > 0) return { errors: errors.map((e) => `${e.message} (line ${e.line.start + 1})`) };
  const semantic = validateModel(model, { source });
  return semantic.length > 0 ? { errors: semantic.map((e) => e.message) } : { model, errors: [] };
}

/** A tuple of a store file as its `tuples:` lists hold it: Relata's `expires_at` beside the key. */
export type StoreFileTuple = TupleKey & { expires_at?: unknown };

/** The tuple files a store file or one of its tests names (`tuple_file`, then `tuple_files`). */
export function tupleFilesOf(source: { tuple_file?: string; tuple_files?: string[] }): string[] {
  return [source.tuple_file, ...(source.tuple_files ?? [])].filter((name): name is string => Boolean(name));
}

/** A store file's tuple file format: .json files are JSON lists, which the YAML reader reads. */
export function storeTupleFileFormat(path: string): TupleFileFormat {
  return extname(path).toLowerCase() === '.json' ? 'yaml' : tupleFileFormat(path);
}

/**
 * The tuples named by `tuples`, `tuple_file` and `tuple_files`, paths relative to the store file.
 * Files are read as `relata tuples import` reads them (.jsonl, .csv, .yaml, .json; each tuple's
 * shape checked, a bad one named by file and line).
 */
export async function collectTuples(source: { tuples?: StoreFileTuple[]; tuple_file?: string; tuple_files?: string[] }, baseDir: string): Promise<StoreFileTuple[]> {
  const out = [...(source.tuples ?? [])];
  for (const name of tupleFilesOf(source)) {
    const file = resolve(baseDir, name);
    for await (const chunk of readTupleFile(file, storeTupleFileFormat(file))) {
      for (const { key } of chunk) {
        const { expiresAt, ...tuple } = key;
        out.push(expiresAt === undefined ? tuple : { ...tuple, expires_at: expiresAt });
      }
    }
  }
  return out;
}
