// DSL source -> parsed file + errors: comment stripping, lexing, parsing and the CST visit, with
// every error mapped to openfga/language's message and 0-based position.
import type { CstNode, ILexingError, IRecognitionException, IToken } from 'chevrotain';
import type { DslError } from './dsl-error.js';
import { rangeAt } from './dsl-error.js';
import { escapeText } from './error-messages.js';
import { dslParser, StopParse } from './parser.js';
import { dslLexer } from './tokens.js';
import type { ParsedFile } from './to-model.js';
import { cstToParsedFile } from './to-model.js';

/**
 * OpenFGA drops everything from ` #` to the end of a line (trailing and indented comments) and
 * trailing whitespace before parsing; comment lines at column 0 stay and are grammar.
 */
function stripComments(source: string): string {
  return source
    .split('\n')
    .map((line) => line.split(' #')[0]!.trimEnd())
    .join('\n');
}

function tokenError(message: string, token: IToken, source: string): DslError {
  const isEof = token.tokenType.name === 'EOF';
  const symbol = isEof ? '<EOF>' : token.image;
  let line = (token.startLine ?? 1) - 1;
  let column = (token.startColumn ?? 1) - 1;
  if (isEof || Number.isNaN(token.startOffset)) {
    const lines = source.split('\n');
    line = lines.length - 1;
    column = lines[line]!.length;
  }
  return { message, kind: 'syntax', symbol, ...rangeAt(line, column, symbol.length) };
}

function lexingError(error: ILexingError, source: string): DslError {
  const text = source.slice(error.offset, error.offset + error.length);
  return {
    message: `token recognition error at: '${escapeText(text)}'`,
    kind: 'syntax',
    symbol: text,
    ...rangeAt((error.line ?? 1) - 1, (error.column ?? 1) - 1, error.length),
  };
}

function recognitionError(error: IRecognitionException, source: string): DslError {
  return tokenError(error.message, error.token, source);
}

/** Bounds the parser's and printer's recursion, so hostile input gets an error, not a stack overflow. */
const MAX_NESTING = 256;

function firstTooDeep(tokens: IToken[]): IToken | undefined {
  let depth = 0;
  for (const token of tokens) {
    if (token.image === '(') {
      depth++;
      if (depth > MAX_NESTING) return token;
    } else if (token.image === ')') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

export interface CompiledFile {
  file?: ParsedFile;
  errors: DslError[];
}

/** Parses one DSL file; `file` is absent when there were syntax errors. */
export function compileFile(source: string): CompiledFile {
  const cleaned = stripComments(source);
  const lexed = dslLexer.tokenize(cleaned);
  const errors = lexed.errors.map((e) => lexingError(e, cleaned));
  const tooDeep = firstTooDeep(lexed.tokens);
  if (tooDeep) {
    errors.push(tokenError(`parentheses nested more than ${MAX_NESTING} levels deep`, tooDeep, cleaned));
    return { errors };
  }
  dslParser.input = lexed.tokens;
  let cst: CstNode | undefined;
  let stopped = false;
  try {
    cst = dslParser.main();
  } catch (error) {
    if (!(error instanceof StopParse)) throw error;
    stopped = true;
  }
  errors.push(...dslParser.syncErrors.map((e) => tokenError(e.message, e.token, cleaned)));
  // After a stop, Chevrotain only adds "not all input parsed", which OpenFGA does not report.
  if (!stopped) errors.push(...dslParser.errors.map((e) => recognitionError(e, cleaned)));
  if (errors.length > 0 || !cst) return { errors };
  const visited = cstToParsedFile(cst);
  return { file: visited.file, errors: visited.errors };
}
