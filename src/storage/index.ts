// The storage port (role interfaces + contract) and its errors. Backends are imported from their
// own folders (postgres/, pglite/, memory/) by the composition root only, so that importing the
// port never loads a database driver.
export * from './datastore.js';
export * from './audit-repository.js';
export * from './errors.js';
export * from './api-clients.js';
