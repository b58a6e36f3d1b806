import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import selfsigned from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from './env.js';
import { tlsConfig } from './tls.js';

let dir: string;
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
let cert: string;
let key: string;
let otherKey: string;
let expiredCert: string;
let expiredKey: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relata-tls-config-'));
  const a = await selfsigned.generate([{ name: 'commonName', value: 'a' }], { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' });
  const b = await selfsigned.generate([{ name: 'commonName', value: 'b' }], { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' });
  const old = await selfsigned.generate([{ name: 'commonName', value: 'old' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date('2020-01-01'),
    notAfterDate: new Date('2021-01-01'),
  });
  cert = file('a.crt', a.cert);
  key = file('a.key', a.private);
  otherKey = file('b.key', b.private);
  expiredCert = file('old.crt', old.cert);
  expiredKey = file('old.key', old.private);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const failure = (env: Record<string, string>): string => {
  try {
    tlsConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('tlsConfig', () => {
  it('is off without variables', () => expect(tlsConfig({})).toBeUndefined());

  it('loads a matching pair, and a client CA for mTLS', () => {
    const tls = tlsConfig({ RELATA_TLS_CERT: cert, RELATA_TLS_KEY: key });
    expect(tls).toMatchObject({ ca: undefined, requireClientCert: false });
    expect(tls?.cert.toString()).toContain('BEGIN CERTIFICATE');
    const mtls = tlsConfig({ RELATA_TLS_CERT: cert, RELATA_TLS_KEY: key, RELATA_TLS_CLIENT_CA: cert });
    expect(mtls?.requireClientCert).toBe(true);
    expect(mtls?.ca?.toString()).toContain('BEGIN CERTIFICATE');
  });

  it('refuses bad combinations and files, naming the variable', () => {
    expect(failure({ RELATA_TLS_CERT: cert })).toBe('RELATA_TLS_CERT and RELATA_TLS_KEY must be set together');
    expect(failure({ RELATA_TLS_KEY: key })).toBe('RELATA_TLS_CERT and RELATA_TLS_KEY must be set together');
    expect(failure({ RELATA_TLS_CLIENT_CA: cert })).toBe('RELATA_TLS_CLIENT_CA needs RELATA_TLS_CERT and RELATA_TLS_KEY');
    expect(failure({ RELATA_TLS_CERT: join(dir, 'missing.crt'), RELATA_TLS_KEY: key })).toContain("RELATA_TLS_CERT: cannot read '");
    expect(failure({ RELATA_TLS_CERT: key, RELATA_TLS_KEY: key })).toBe('RELATA_TLS_CERT is not a PEM certificate');
    expect(failure({ RELATA_TLS_CERT: cert, RELATA_TLS_KEY: cert })).toContain('RELATA_TLS_KEY is not a PEM private key');
    expect(failure({ RELATA_TLS_CERT: cert, RELATA_TLS_KEY: otherKey })).toBe('RELATA_TLS_KEY does not match the certificate in RELATA_TLS_CERT');
    expect(failure({ RELATA_TLS_CERT: expiredCert, RELATA_TLS_KEY: expiredKey })).toContain('RELATA_TLS_CERT: the certificate expired');
    expect(failure({ RELATA_TLS_CERT: cert, RELATA_TLS_KEY: key, RELATA_TLS_CLIENT_CA: file('garbage.pem', 'nope') })).toBe('RELATA_TLS_CLIENT_CA is not a PEM certificate');
  });
});
