// RELATA_TLS_CERT / RELATA_TLS_KEY (PEM files) turn on TLS for the API listeners; with
// RELATA_TLS_CLIENT_CA every client must present a certificate signed by that CA (mTLS). The
// files are read and checked at start (parseable, key matches certificate, not expired), so a bad
// path or a mismatched pair stops the start with the variable named instead of failing handshakes.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError, read, type Env } from './env.js';

/** What every TLS listener (gRPC, HTTP) is built from. */
export interface TlsMaterial {
  /** PEM certificate chain (leaf first). */
  cert: Buffer;
  /** PEM private key of the leaf. */
  key: Buffer;
  /** PEM CA bundle that client certificates must chain to; present iff `requireClientCert`. */
  ca: Buffer | undefined;
  requireClientCert: boolean;
}

function file(name: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`${name}: cannot read '${path}' (${code})`);
  }
}

function certificate(name: string, pem: Buffer, now: Date): X509Certificate {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    throw new ConfigError(`${name} is not a PEM certificate`);
  }
  if (new Date(cert.validTo) < now) throw new ConfigError(`${name}: the certificate expired on ${cert.validTo}`);
  return cert;
}

export function tlsConfig(env: Env, now = new Date()): TlsMaterial | undefined {
  const certPath = read(env, 'RELATA_TLS_CERT');
  const keyPath = read(env, 'RELATA_TLS_KEY');
  const caPath = read(env, 'RELATA_TLS_CLIENT_CA');
  if (certPath === undefined && keyPath === undefined) {
    if (caPath !== undefined) throw new ConfigError('RELATA_TLS_CLIENT_CA needs RELATA_TLS_CERT and RELATA_TLS_KEY');
    return undefined;
  }
  if (certPath === undefined || keyPath === undefined) throw new ConfigError('RELATA_TLS_CERT and RELATA_TLS_KEY must be set together');
  const cert = file('RELATA_TLS_CERT', certPath);
  const key = file('RELATA_TLS_KEY', keyPath);
  const leaf = certificate('RELATA_TLS_CERT', cert, now);
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new ConfigError('RELATA_TLS_KEY is not a PEM private key (an encrypted key is not supported)');
  }
  if (!leaf.checkPrivateKey(privateKey)) throw new ConfigError('RELATA_TLS_KEY does not match the certificate in RELATA_TLS_CERT');
  const ca = caPath === undefined ? undefined : file('RELATA_TLS_CLIENT_CA', caPath);
  if (ca) certificate('RELATA_TLS_CLIENT_CA', ca, now);
  return { cert, key, ca, requireClientCert: ca !== undefined };
}
