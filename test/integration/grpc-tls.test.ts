// gRPC over TLS from RELATA_TLS_CERT / RELATA_TLS_KEY, and mTLS with RELATA_TLS_CLIENT_CA, with
// certificates generated in the test: a TLS client gets answers, a plaintext one does not; with
// mTLS a client without a certificate is refused in the handshake, one with a certificate is served.
import { credentials, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestCertificates, type TestCertificates } from '../helpers/tls-certs.js';
import { startAuthHarness } from './auth-harness.js';

let certs: TestCertificates;

beforeAll(async () => {
  certs = await generateTestCertificates();
});

afterAll(() => certs?.remove());

const tls = () => credentials.createSsl(Buffer.from(certs.cert));
const mtls = () => credentials.createSsl(Buffer.from(certs.cert), Buffer.from(certs.clientKey), Buffer.from(certs.clientCert));

describe('gRPC over TLS', () => {
  it('serves a TLS client and refuses a plaintext one', async () => {
    const h = await startAuthHarness({ RELATA_TLS_CERT: certs.certFile, RELATA_TLS_KEY: certs.keyFile }, undefined, { credentials: tls() });
    try {
      expect((await h.client().call<{ allowed: boolean }>('Check', h.check())).response.allowed).toBe(true);
      const plaintext = await h.client(undefined, { credentials: credentials.createInsecure() }).fail('Check', h.check());
      expect(plaintext.grpcCode).toBe(status.UNAVAILABLE);
    } finally {
      await h.close();
    }
  });

  it('with RELATA_TLS_CLIENT_CA requires a client certificate signed by that CA', async () => {
    const env = { RELATA_TLS_CERT: certs.certFile, RELATA_TLS_KEY: certs.keyFile, RELATA_TLS_CLIENT_CA: certs.certFile };
    const h = await startAuthHarness(env, undefined, { credentials: mtls() });
    try {
      expect((await h.client().call<{ allowed: boolean }>('Check', h.check())).response.allowed).toBe(true);
      const withoutCert = await h.client(undefined, { credentials: tls() }).fail('Check', h.check());
      expect(withoutCert.grpcCode).toBe(status.UNAVAILABLE);
      const plaintext = await h.client(undefined, { credentials: credentials.createInsecure() }).fail('Check', h.check());
      expect(plaintext.grpcCode).toBe(status.UNAVAILABLE);
    } finally {
      await h.close();
    }
  });
});
