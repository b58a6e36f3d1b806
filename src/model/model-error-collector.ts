// Collects ModelErrors and attaches source positions: each error is reported against the model
// element it belongs to (a type line, a relation's `define` line, a condition, the schema line),
// and the collector finds that line in the right file's source when one was given.

import type { ModelError } from './model-error.js';
import { SourceLocator } from './source-locator.js';
import type { SymbolAnchor } from './source-locator.js';

/** Where an element came from in a modular model. */
export interface Origin {
  file?: string;
  module?: string;
}

export type ErrorBody = Pick<ModelError, 'message' | 'errorType' | 'symbol'> & Partial<Pick<ModelError, 'typeName' | 'relation'>>;

export class ModelErrorCollector {
  readonly errors: ModelError[] = [];
  private readonly source?: SourceLocator;
  private readonly files = new Map<string, SourceLocator>();

  constructor(source?: string, sources?: Record<string, string>) {
    if (source !== undefined) this.source = new SourceLocator(source);
    for (const [file, text] of Object.entries(sources ?? {})) this.files.set(file, new SourceLocator(text));
  }

  get count(): number {
    return this.errors.length;
  }

  /** An error without a position (JSON-only checks, or no source). */
  plain(body: ErrorBody, origin: Origin = {}): void {
    this.push(body, origin);
  }

  onType(typeName: string, origin: Origin, body: ErrorBody): void {
    const locator = this.locator(origin);
    const line = locator?.typeLine(typeName);
    this.push(body, origin, line === undefined ? undefined : locator?.position(line, body.symbol, 'name'));
  }

  onRelation(typeName: string, relation: string, origin: Origin, body: ErrorBody, anchor: SymbolAnchor = 'value'): void {
    const locator = this.locator(origin);
    const line = locator?.relationLine(typeName, relation);
    this.push(body, origin, line === undefined ? undefined : locator?.position(line, body.symbol, anchor));
  }

  onCondition(name: string, origin: Origin, body: ErrorBody): void {
    const locator = this.locator(origin);
    const line = locator?.conditionLine(name);
    this.push(body, origin, line === undefined ? undefined : locator?.position(line, body.symbol, 'name'));
  }

  onSchema(version: string, body: ErrorBody): void {
    const locator = this.locator({});
    this.push(body, {}, locator?.position(locator.schemaLine(version), body.symbol, 'name'));
  }

  /** The first line of the source (openfga/language reports a missing schema there). */
  onStart(body: ErrorBody): void {
    const locator = this.locator({});
    this.push(body, {}, locator ? { line: { start: 0, end: 0 }, column: { start: 0, end: 0 } } : undefined);
  }

  private locator(origin: Origin): SourceLocator | undefined {
    return (origin.file !== undefined ? this.files.get(origin.file) : undefined) ?? this.source;
  }

  private push(body: ErrorBody, origin: Origin, position?: Pick<ModelError, 'line' | 'column'>): void {
    const error: ModelError = { ...body };
    if (position?.line) {
      error.line = position.line;
      error.column = position.column;
    }
    if (origin.file !== undefined) error.file = origin.file;
    if (origin.module !== undefined) error.module = origin.module;
    this.errors.push(error);
  }
}
