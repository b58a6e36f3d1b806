// `npm run build`: compiles src/ to dist/ (tsc), copies the SQL migrations beside the compiled
// migrator, and stamps the build with the sources as they were before compiling (so an edit made
// during the build leaves it stale); bin/runtime.js runs dist/ only while the stamp still matches.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { sourceStamp, stampPath } from '../bin/runtime.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = sourceStamp(root);
// A clean output: JavaScript of a deleted source must not linger.
rmSync(join(root, 'dist'), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const { status } = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (status !== 0) process.exit(status ?? 1);
cpSync(join(root, 'src/storage/sql/migrations'), join(root, 'dist/storage/sql/migrations'), { recursive: true });
writeFileSync(join(root, stampPath), `${JSON.stringify(stamp)}\n`);
