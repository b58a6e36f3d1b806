// Lint rules, including the import boundaries of ARCHITECTURE.md: each layer may import only
// the layers below it, and only transports touch gRPC, only storage touches SQL drivers,
// only cache touches Redis.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const infra = (...allowed) =>
  ['@grpc/grpc-js', '@grpc/proto-loader', 'fastify', 'pg', '@electric-sql/pglite', 'ioredis']
    .filter((name) => !allowed.includes(name))
    .map((name) => ({ name, message: 'This layer may not use this driver (see ARCHITECTURE.md).' }));

const layers = (...folders) =>
  folders.map((folder) => ({
    group: [`**/${folder}/*`, `**/${folder}`, `!**/node_modules/**`],
    message: `This layer may not import src/${folder} (see ARCHITECTURE.md).`,
  }));

// The engine is reached through its facade, src/engine/index.ts, never through its modules
// (storage implements the TupleReader port it exports; tuple conversions live in model/).
const engineFacade = {
  group: ['**/engine/**', '!**/engine/index.js'],
  message: 'Import the engine through src/engine/index.ts, not its modules.',
};

const boundary = (files, forbiddenFolders, allowedDrivers = [], extraPatterns = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { paths: infra(...allowedDrivers), patterns: [...layers(...forbiddenFolders), ...extraPatterns] },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'src/transport/grpc/generated/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  boundary(['src/model/**'], ['dsl', 'engine', 'storage', 'cache', 'service', 'transport', 'auth', 'audit', 'observability', 'config', 'cli']),
  boundary(['src/dsl/**'], ['engine', 'storage', 'cache', 'service', 'transport', 'auth', 'audit', 'observability', 'config', 'cli']),
  boundary(['src/engine/**'], ['dsl', 'storage', 'cache', 'service', 'transport', 'auth', 'audit', 'config', 'cli']),
  boundary(['src/storage/**'], ['dsl', 'cache', 'service', 'transport', 'auth', 'audit', 'cli'], ['pg', '@electric-sql/pglite'], [engineFacade]),
  boundary(['src/cache/**'], ['dsl', 'storage', 'service', 'transport', 'auth', 'audit', 'cli'], ['ioredis'], [engineFacade]),
  boundary(['src/service/**'], ['transport', 'cli'], [], [engineFacade]),
  boundary(['src/transport/**'], ['cli', 'storage', 'engine', 'dsl', 'cache'], ['@grpc/grpc-js', '@grpc/proto-loader', 'fastify']),
  boundary(['src/auth/**', 'src/audit/**'], ['dsl', 'engine', 'cache', 'service', 'transport', 'cli']),
  boundary(['src/observability/**', 'src/config/**', 'src/runtime/**'], ['model', 'dsl', 'engine', 'storage', 'cache', 'service', 'transport', 'auth', 'audit', 'cli']),
  { files: ['*.config.ts', '*.config.js'], rules: { 'no-restricted-syntax': 'off' } },
  { files: ['src/**/*.test.ts', 'test/**', 'bench/**'], rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-non-null-assertion': 'off' } },
  { files: ['src/cli/**'], rules: { 'no-restricted-imports': ['error', { patterns: [engineFacade] }] } },
  { files: ['src/**/*.test.ts'], rules: { 'no-restricted-imports': 'off' } },
);
