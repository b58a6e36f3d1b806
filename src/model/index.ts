// The typed authorization model, its errors and tuple forms: the vocabulary every layer shares.
export * from './types.js';
export * from './errors.js';
export * from './tuple.js';
