// Finds where a model element was written in its DSL source, the way openfga/language's
// validators do: by scanning source lines for `type X`, `define r:`, `condition c(` and then the
// symbol within that line. A model carries no positions, so this is the only way to point at a
// type/relation in a model that came from text; line comments are ignored so that a trailing
// `# module: …` does not hide a definition.

import type { SourceRange } from './model-error.js';

export interface SourcePosition {
  line: SourceRange;
  column: SourceRange;
}

/** Where within a line the symbol is searched (the symbol's own text decides the column). */
export type SymbolAnchor =
  /** From the start of the line (a type/relation/condition name being defined). */
  | 'name'
  /** After the `define r:` colon (a value: type restriction, rewrite operand). */
  | 'value'
  /** After a `from` keyword (the tupleset of a tuple-to-userset). */
  | 'tupleset'
  /** After a `with` keyword (a condition on a type restriction). */
  | 'condition';

const WORD = /[A-Za-z0-9_]/;

function stripComment(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith('#')) return '';
  return trimmed.replace(/\s+#.*$/, '').replace(/\s{2,}/g, ' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isBoundary(line: string, index: number): boolean {
  const ch = line[index];
  return ch === undefined || !WORD.test(ch);
}

/** First occurrence of `symbol` at or after `from` that is not part of a longer word. */
export function findSymbol(line: string, symbol: string, from = 0): number {
  if (!symbol) return -1;
  const startsWord = WORD.test(symbol[0]);
  const endsWord = WORD.test(symbol[symbol.length - 1]);
  for (let at = line.indexOf(symbol, from); at >= 0; at = line.indexOf(symbol, at + 1)) {
    if (startsWord && !isBoundary(line, at - 1)) continue;
    if (endsWord && !isBoundary(line, at + symbol.length)) continue;
    return at;
  }
  return -1;
}

export class SourceLocator {
  private readonly lines: string[];
  private readonly stripped: string[];

  constructor(source: string) {
    this.lines = source.split('\n');
    this.stripped = this.lines.map(stripComment);
  }

  /** The line of the first `type name` (or `extend type name`), or undefined. */
  typeLine(typeName: string): number | undefined {
    const re = new RegExp(`^(extend )?type ${escapeRegExp(typeName)}$`);
    return this.findLine(re, 0);
  }

  /** The line of `define relation:` after the line of its type (or anywhere if the type is not found). */
  relationLine(typeName: string, relation: string): number | undefined {
    const typeLine = this.typeLine(typeName) ?? 0;
    const re = new RegExp(`^define ${escapeRegExp(relation)}\\s*:`);
    return this.findLine(re, typeLine);
  }

  conditionLine(name: string): number | undefined {
    return this.findLine(new RegExp(`^condition ${escapeRegExp(name)}\\s*\\(`), 0);
  }

  /** The `schema x` line; openfga/language falls back to line 0 when it is missing. */
  schemaLine(version: string): number {
    return this.findLine(new RegExp(`^schema ${escapeRegExp(version)}$`), 0) ?? 0;
  }

  /** The range of `symbol` in line `lineIndex`; column 0 when the symbol is not found. */
  position(lineIndex: number, symbol: string, anchor: SymbolAnchor = 'name'): SourcePosition {
    const raw = this.lines[lineIndex] ?? '';
    const start = Math.max(0, this.symbolColumn(raw, symbol, anchor));
    return { line: { start: lineIndex, end: lineIndex }, column: { start, end: start + symbol.length } };
  }

  private symbolColumn(raw: string, symbol: string, anchor: SymbolAnchor): number {
    if (anchor === 'name') return findSymbol(raw, symbol);
    const colon = raw.indexOf(':');
    const valueStart = colon >= 0 ? colon + 1 : 0;
    if (anchor === 'value') {
      const found = findSymbol(raw, symbol, valueStart);
      return found >= 0 ? found : findSymbol(raw, symbol);
    }
    const keyword = anchor === 'tupleset' ? 'from' : 'with';
    const re = new RegExp(`\\b${keyword}\\s+`, 'g');
    re.lastIndex = valueStart;
    for (let m = re.exec(raw); m; m = re.exec(raw)) {
      const at = m.index + m[0].length;
      if (findSymbol(raw, symbol, at) === at) return at;
    }
    return findSymbol(raw, symbol, valueStart);
  }

  private findLine(re: RegExp, from: number): number | undefined {
    for (let i = Math.max(0, from); i < this.stripped.length; i++) {
      if (re.test(this.stripped[i])) return i;
    }
    return undefined;
  }
}
