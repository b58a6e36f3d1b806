// The `clients` authentication method (API clients stored in the datastore) and the pieces the
// management use cases share with it: key format, secret hashing, allowlist parsing.
export { createClientsAuthMethod } from './clients-method.js';
export type { ClientsAuthMethod, ClientsMethodDeps, ClientsMethodStats } from './clients-method.js';
export { apiKeyLength, apiKeyPrefix, clientIdPattern, formatApiKey, generateSecret, parseApiKey } from './api-key.js';
export { defaultScryptParams, hashSecret, verifySecret } from './secret-hash.js';
export type { ScryptParams } from './secret-hash.js';
export { canonicalAllowlistEntry } from './allowlist.js';
export type { ApiClientChangeSource } from './client-changes.js';
export { ClientChangePush, clientChangeNotices, parseClientChangeNotice, maxIdsPerNotice } from './change-push.js';
export type { ClientChangeChannel } from './change-push.js';
