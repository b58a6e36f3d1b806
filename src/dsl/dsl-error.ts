// DSL errors in openfga/language's shape: a message plus a 0-based line and column range, all of
// them collected (aggregated) rather than thrown one at a time.
import { ErrorCode, ValidationError } from '../model/errors.js';

export interface SourceRange {
  line: { start: number; end: number };
  column: { start: number; end: number };
}

export interface DslError extends SourceRange {
  message: string;
  /** `syntax` for grammar errors, `semantic` for transformer rules (duplicates...), `module` for fga.mod/merging. */
  kind: 'syntax' | 'semantic' | 'module';
  /** The offending text, as openfga/language reports it in `metadata.symbol`. */
  symbol?: string;
  /** openfga/language's kebab-case error type, when it has one. */
  errorType?: string;
  /** The file the error is in (modular models). */
  file?: string;
}

/** Thrown by the throwing entry points; `errors` holds every problem found, in source order. */
export class DslSyntaxError extends ValidationError {
  readonly errors: DslError[];

  constructor(errors: DslError[]) {
    const shown = errors.slice(0, 5).map((e) => formatDslError(e)).join('\n');
    const more = errors.length > 5 ? `\n... and ${errors.length - 5} more` : '';
    super(ErrorCode.InvalidAuthorizationModel, `${errors.length} error${errors.length === 1 ? '' : 's'} in model:\n${shown}${more}`);
    this.name = 'DslSyntaxError';
    this.errors = errors;
  }
}

/** `file:line:col: message` with 1-based line and column, the form editors and compilers print. */
export function formatDslError(error: DslError, file = error.file): string {
  const where = `${error.line.start + 1}:${error.column.start + 1}`;
  return `${file ? `${file}:` : ''}${where}: ${error.message}`;
}

export function rangeAt(line: number, column: number, length: number): SourceRange {
  return { line: { start: line, end: line }, column: { start: column, end: column + length } };
}
