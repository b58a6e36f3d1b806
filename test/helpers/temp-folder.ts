// A fresh temporary folder for each test of the enclosing describe, removed after it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

export interface TempFolder {
  /** The current test's folder. */
  readonly path: string;
  /** Writes `text` to `name` in the folder and returns its path. */
  file(name: string, text: string): string;
}

export function tempFolderPerTest(prefix: string): TempFolder {
  let current = '';
  beforeEach(() => {
    current = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => rmSync(current, { recursive: true, force: true }));
  return {
    get path() {
      return current;
    },
    file(name, text) {
      const path = join(current, name);
      writeFileSync(path, text);
      return path;
    },
  };
}
