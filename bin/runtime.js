// Which build of the CLI runs: dist/ (from `npm run build`) when it was compiled from the sources
// as they are now, else src/ through tsx, so that a bare clone runs without a build step and an
// edited checkout never runs stale JavaScript. RELATA_RUNTIME=dist|tsx forces one.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

/** Written by scripts/build.js: the sources' stamp as they were when the build began. */
export const stampPath = 'dist/.source-stamp.json';
export const compiledEntry = 'dist/cli/main.js';

/**
 * The files `npm run build` compiles (src/ without tests) as a count and their newest mtime: an
 * edit makes the mtime newer than the stamp, a deletion changes the count.
 */
export function sourceStamp(root) {
  let files = 0;
  let newestMs = 0;
  for (const entry of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.test.ts')) continue;
    files++;
    newestMs = Math.max(newestMs, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return { files, newestMs };
}

function readStamp(root) {
  try {
    const stamp = JSON.parse(readFileSync(join(root, stampPath), 'utf8'));
    return typeof stamp?.files === 'number' && typeof stamp?.newestMs === 'number' ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/** Whether dist/ holds a build of the current sources (an image without src/ has only dist/). */
export function compiledIsFresh(root) {
  if (!existsSync(join(root, compiledEntry))) return false;
  if (!existsSync(join(root, 'src'))) return true;
  const stamp = readStamp(root);
  if (!stamp) return false;
  const now = sourceStamp(root);
  return now.files === stamp.files && now.newestMs <= stamp.newestMs;
}

/** 'dist' or 'tsx' for the checkout at `root`; throws on an unknown RELATA_RUNTIME. */
export function pickRuntime(root, forced = process.env.RELATA_RUNTIME) {
  if (forced === 'tsx') return 'tsx';
  if (forced === 'dist') {
    if (!existsSync(join(root, compiledEntry))) throw new Error(`RELATA_RUNTIME=dist but ${compiledEntry} is missing: run npm run build`);
    return 'dist';
  }
  if (forced !== undefined && forced !== '') throw new Error(`RELATA_RUNTIME must be dist or tsx, not ${JSON.stringify(forced)}`);
  return compiledIsFresh(root) ? 'dist' : 'tsx';
}
