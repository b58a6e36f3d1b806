// Generates generated/ (the TypeScript types of the .proto files) with proto-loader-gen-types and
// the options the server loads the files with, so a handler's decoded request and response types
// are the ones on the wire. Run as `npm run gen:proto`; proto-types.test.ts fails when the
// committed output is stale.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Options } from '@grpc/proto-loader';
import { protoFiles, protoLoaderOptions, protoRoot } from './proto.js';

export const generatedTypesDir = fileURLToPath(new URL('./generated', import.meta.url));

/** The repository root: the generator runs there, so the "Original file" comments it writes are machine-independent. */
const repoRoot = dirname(protoRoot);

function conversionName(value: unknown): string | undefined {
  if (value === String) return 'String';
  if (value === Number) return 'Number';
  if (value === Array) return 'Array';
  return undefined;
}

/** proto-loader-gen-types' flags for `options` (the conversion options it shares with loadSync). */
export function protoTypesFlags(options: Options): string[] {
  const flags: string[] = [];
  for (const name of ['keepCase', 'defaults', 'arrays', 'objects', 'oneofs', 'json'] as const) if (options[name]) flags.push(`--${name}`);
  for (const name of ['longs', 'enums', 'bytes'] as const) {
    if (options[name] === undefined) continue;
    const value = conversionName(options[name]);
    if (!value) throw new Error(`proto-loader-gen-types cannot express ${name}=${String(options[name])}`);
    flags.push(`--${name}=${value}`);
  }
  return flags;
}

function generatorScript(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@grpc/proto-loader/package.json'));
  const { bin } = require('@grpc/proto-loader/package.json') as { bin: Record<string, string> };
  return join(packageDir, bin['proto-loader-gen-types']);
}

/** Writes the types of protoFiles into `outDir` (emptied first, so types of removed messages go). */
export function generateProtoTypes(outDir: string = generatedTypesDir): void {
  rmSync(outDir, { recursive: true, force: true });
  const args = [
    ...protoTypesFlags(protoLoaderOptions),
    '--grpcLib=@grpc/grpc-js',
    // NodeNext resolution needs the extension in relative imports.
    '--importFileExtension=.js',
    `--includeDirs=${relative(repoRoot, protoRoot)}`,
    `--outDir=${outDir}`,
    ...protoFiles,
  ];
  execFileSync(process.execPath, [generatorScript(), ...args], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) generateProtoTypes();
