import { describe, expect, it } from 'vitest';
import { ConfigError } from './env.js';
import { workersConfig } from './workers.js';

describe('RELATA_WORKERS', () => {
  it('defaults to 1 and reads 1..64 or auto', () => {
    expect(workersConfig({}, 'pglite')).toBe(1);
    expect(workersConfig({ RELATA_WORKERS: ' ' }, 'memory')).toBe(1);
    expect(workersConfig({ RELATA_WORKERS: '1' }, 'pglite')).toBe(1);
    expect(workersConfig({ RELATA_WORKERS: '64' }, 'postgres')).toBe(64);
    expect(workersConfig({ RELATA_WORKERS: 'auto' }, 'postgres', () => 6)).toBe(6);
    expect(workersConfig({ RELATA_WORKERS: 'AUTO' }, 'postgres', () => 512)).toBe(64);
    // One CPU: auto is one process, so PGlite is fine.
    expect(workersConfig({ RELATA_WORKERS: 'auto' }, 'pglite', () => 1)).toBe(1);
  });

  it.each(['0', '-1', '65', 'abc', '1.5', '2e1', '0x2', '999999999999', 'x'.repeat(10_000), '２'])('refuses %j naming the variable', (raw) => {
    expect(() => workersConfig({ RELATA_WORKERS: raw }, 'postgres')).toThrow(ConfigError);
    expect(() => workersConfig({ RELATA_WORKERS: raw }, 'postgres')).toThrow(/^RELATA_WORKERS must be an integer from 1 to 64 or auto/);
  });

  it('keeps an oversized value out of the message', () => {
    expect(() => workersConfig({ RELATA_WORKERS: '9'.repeat(5000) }, 'postgres')).toThrow(/^.{0,200}$/);
  });

  it.each(['pglite', 'memory'] as const)('refuses more than one worker on %s', (kind) => {
    expect(() => workersConfig({ RELATA_WORKERS: '2' }, kind)).toThrow(new RegExp(`^RELATA_WORKERS=2 needs a PostgreSQL datastore: the ${kind} datastore`));
    expect(() => workersConfig({ RELATA_WORKERS: 'auto' }, kind, () => 4)).toThrow(/RELATA_WORKERS=auto needs a PostgreSQL datastore/);
  });
});
