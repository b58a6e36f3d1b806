// The `fga.mod` manifest of a modular model (YAML: `schema: '1.2'`, `contents: [files]`), parsed
// with positions so that each problem points at its YAML node, as openfga/language reports them.
import { isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { DslError, SourceRange } from './dsl-error.js';

export interface ModFileValue<T> extends SourceRange {
  value: T;
}

export interface ModFile {
  schema: ModFileValue<string>;
  contents: ModFileValue<ModFileValue<string>[]>;
}

const origin: SourceRange = { line: { start: 0, end: 0 }, column: { start: 0, end: 0 } };

function nodeRange(node: Node, lines: LineCounter): SourceRange {
  const [start, end] = node.range ?? [0, 0];
  const from = lines.linePos(start);
  const to = lines.linePos(end);
  return { line: { start: from.line - 1, end: to.line - 1 }, column: { start: from.col - 1, end: to.col - 1 } };
}

function scalarText(node: Node): string {
  return isScalar(node) ? String(node.value) : node.toString();
}

/** A content path that could leave the module folder (`..`, absolute, encoded separators). */
function isUnsafePath(path: string): boolean {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return true;
  }
  const normalized = decoded.replace(/\\/g, '/');
  return normalized.startsWith('/') || /^[A-Za-z]:/.test(normalized) || normalized.split('/').includes('..');
}

/** Parses an fga.mod; `mod` is present only when there were no errors. */
export function parseFgaMod(source: string): { mod?: ModFile; errors: DslError[] } {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, keepSourceTokens: false });
  const errors: DslError[] = [];
  const fail = (message: string, range: SourceRange): void => {
    errors.push({ message, kind: 'module', ...range });
  };
  for (const error of doc.errors) {
    const pos = lines.linePos(error.pos[0]);
    // yaml's messages carry a multi-line excerpt and the position; the range says where already.
    const message = `invalid fga.mod: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`;
    fail(message, { line: { start: pos.line - 1, end: pos.line - 1 }, column: { start: pos.col - 1, end: pos.col - 1 } });
  }
  if (errors.length > 0) return { errors };

  const schemaNode = doc.get('schema', true) as Node | undefined;
  let schema: ModFileValue<string> | undefined;
  if (!schemaNode) fail('missing schema field', origin);
  else if (!isScalar(schemaNode) || typeof schemaNode.value !== 'string') {
    fail(`unexpected schema type, expected string got value ${scalarText(schemaNode)}`, nodeRange(schemaNode, lines));
  } else if (schemaNode.value !== '1.2') {
    fail('unsupported schema version, fga.mod only supported in version `1.2`', nodeRange(schemaNode, lines));
  } else {
    schema = { value: schemaNode.value, ...nodeRange(schemaNode, lines) };
  }

  const contentsNode = doc.get('contents', true) as Node | undefined;
  let contents: ModFileValue<ModFileValue<string>[]> | undefined;
  if (!contentsNode) fail('missing contents field', origin);
  else if (!isSeq(contentsNode)) {
    fail(`unexpected contents type, expected list of strings got value ${scalarText(contentsNode)}`, nodeRange(contentsNode, lines));
  } else {
    const items: ModFileValue<string>[] = [];
    for (const item of contentsNode.items as Node[]) {
      const range = nodeRange(item, lines);
      if (!isScalar(item) || typeof item.value !== 'string') {
        fail(`unexpected contents item type, expected string got value ${scalarText(item)}`, range);
      } else if (!item.value.endsWith('.fga')) {
        fail(`contents items should use fga file extension, got ${item.value}`, range);
      } else if (isUnsafePath(item.value)) {
        fail(`invalid contents item ${item.value}`, range);
      } else {
        items.push({ value: item.value, ...range });
      }
    }
    contents = { value: items, ...nodeRange(contentsNode, lines) };
  }
  if (errors.length > 0 || !schema || !contents) return { errors };
  return { mod: { schema, contents }, errors };
}
