// Certificates generated in the test: a self-signed server certificate for 127.0.0.1 that also
// signs a client certificate (so it is the CA of mTLS), written to a temporary directory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import selfsigned from 'selfsigned';

export interface TestCertificates {
  dir: string;
  certFile: string;
  keyFile: string;
  /** PEM of the server certificate (also the client certificates' CA). */
  cert: string;
  key: string;
  clientCert: string;
  clientKey: string;
  remove(): void;
}

export async function generateTestCertificates(): Promise<TestCertificates> {
  const generated = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
    clientCertificate: { cn: 'relata-test-client', keyType: 'ec', curve: 'P-256', algorithm: 'sha256' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'relata-tls-'));
  const certFile = join(dir, 'server.crt');
  const keyFile = join(dir, 'server.key');
  writeFileSync(certFile, generated.cert);
  writeFileSync(keyFile, generated.private);
  return {
    dir,
    certFile,
    keyFile,
    cert: generated.cert,
    key: generated.private,
    clientCert: generated.clientcert ?? '',
    clientKey: generated.clientprivate ?? '',
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
