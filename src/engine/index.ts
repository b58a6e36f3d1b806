// The decision engine: Check, BatchCheck, Expand, ListObjects, ListUsers over a TupleReader.
export * from './tuple-reader.js';
export * from './api.js';
