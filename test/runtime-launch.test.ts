// bin/relata.js runs dist/ only when it was built from the sources as they are now (bin/runtime.js).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compiledEntry, pickRuntime, sourceStamp, stampPath } from '../bin/runtime.js';

const run = promisify(execFile);
let root: string;

function write(path: string, text = ''): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** What scripts/build.js leaves: the compiled entry and the stamp of the sources. */
function build(): void {
  write(compiledEntry);
  write(stampPath, JSON.stringify(sourceStamp(root)));
}

/** Moves a file's mtime `seconds` into the future (no sleeping for the clock's granularity). */
function touchLater(path: string, seconds = 10): void {
  const at = new Date(Date.now() + seconds * 1000);
  utimesSync(join(root, path), at, at);
}

describe('pickRuntime', () => {
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'relata-runtime-'));
    write('src/cli/main.ts');
    write('src/engine/check.ts');
    write('src/engine/check.test.ts');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs tsx on a bare clone (no dist/)', () => expect(pickRuntime(root, undefined)).toBe('tsx'));

  it('runs dist/ built from the current sources', () => {
    build();
    expect(pickRuntime(root, undefined)).toBe('dist');
  });

  it('runs tsx once a source is edited after the build', () => {
    build();
    touchLater('src/engine/check.ts');
    expect(pickRuntime(root, undefined)).toBe('tsx');
  });

  it('runs tsx once a source is added or deleted', () => {
    build();
    write('src/engine/new.ts');
    utimesSync(join(root, 'src/engine/new.ts'), new Date(0), new Date(0));
    expect(pickRuntime(root, undefined)).toBe('tsx');
    rmSync(join(root, 'src/engine/new.ts'));
    expect(pickRuntime(root, undefined)).toBe('dist');
    rmSync(join(root, 'src/engine/check.ts'));
    expect(pickRuntime(root, undefined)).toBe('tsx');
  });

  it('ignores tests, which the build does not compile', () => {
    build();
    touchLater('src/engine/check.test.ts');
    expect(pickRuntime(root, undefined)).toBe('dist');
  });

  it('runs tsx when the stamp is missing or not a stamp', () => {
    write(compiledEntry);
    expect(pickRuntime(root, undefined)).toBe('tsx');
    for (const junk of ['', '{', 'null', '[]', '{"files":"504","newestMs":1}', '{"files":2}']) {
      write(stampPath, junk);
      expect(pickRuntime(root, undefined)).toBe('tsx');
    }
  });

  it('runs dist/ in an image that ships no sources', () => {
    write(compiledEntry);
    rmSync(join(root, 'src'), { recursive: true });
    expect(pickRuntime(root, undefined)).toBe('dist');
  });

  it('obeys RELATA_RUNTIME, and refuses other values and a missing build', () => {
    build();
    touchLater('src/cli/main.ts');
    expect(pickRuntime(root, 'dist')).toBe('dist');
    expect(pickRuntime(root, 'tsx')).toBe('tsx');
    expect(pickRuntime(root, '')).toBe('tsx');
    expect(() => pickRuntime(root, 'DIST')).toThrow(/must be dist or tsx/);
    expect(() => pickRuntime(root, '../../etc/passwd')).toThrow(/must be dist or tsx/);
    rmSync(join(root, 'dist'), { recursive: true });
    expect(() => pickRuntime(root, 'dist')).toThrow(/npm run build/);
  });
});

describe('bin/relata.js', () => {
  it('runs the CLI through tsx when told to', async () => {
    const { stdout } = await run(process.execPath, ['bin/relata.js', '--help'], { env: { ...process.env, RELATA_RUNTIME: 'tsx' } });
    expect(stdout).toContain('Usage: relata');
  }, 60_000);

  it('exits 2 with the reason on a bad RELATA_RUNTIME', async () => {
    const failure = await run(process.execPath, ['bin/relata.js', '--help'], { env: { ...process.env, RELATA_RUNTIME: 'nope' } }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('RELATA_RUNTIME must be dist or tsx') });
  });
});
