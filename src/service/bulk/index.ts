// Bulk operations on tuples: delete by filter, import in batches, export.
export { defaultDeleteBatchSize, maxDeleteBatchSize } from './delete-by-filter.js';
export type { DeleteTuplesInput, DeleteTuplesOutput } from './delete-by-filter.js';
export { ImportTupleError, maxImportBatchSize } from './tuple-import.js';
export type { ImportBatchOutput, ImportTuple, PreparedImportBatch, TupleImport, TupleImportInput } from './tuple-import.js';
