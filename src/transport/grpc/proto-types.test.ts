// The committed generated/ types are what `npm run gen:proto` writes from today's .proto files.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateProtoTypes, generatedTypesDir, protoTypesFlags } from './proto-types.js';

function tree(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(files.map((f) => [join(f.parentPath, f.name).slice(dir.length + 1), readFileSync(join(f.parentPath, f.name), 'utf8')]));
}

describe('generated gRPC types', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'relata-proto-types-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('are up to date with the .proto files (run `npm run gen:proto`)', () => {
    const out = join(scratch, 'generated');
    generateProtoTypes(out);
    const fresh = tree(out);
    const committed = tree(generatedTypesDir);
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [path, text] of fresh) expect(committed.get(path), path).toBe(text);
  });

  it('are generated with the conversion options the server decodes with', () => {
    expect(protoTypesFlags({ keepCase: true, longs: String, enums: String, defaults: true, oneofs: true })).toEqual([
      '--keepCase',
      '--defaults',
      '--oneofs',
      '--longs=String',
      '--enums=String',
    ]);
    expect(() => protoTypesFlags({ longs: Object })).toThrow(/cannot express longs/);
  });
});
