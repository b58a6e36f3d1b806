// Slow hashes of API client secrets: scrypt from node:crypto (async: it runs on the libuv pool,
// never on the event loop), stored self-describing in PHC style, `$scrypt$ln=15,r=8,p=1$<salt>$<hash>`
// (base64url), so that the cost can be raised later without invalidating stored clients.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  logN: number;
  r: number;
  p: number;
}

/** About 32 MiB and tens of milliseconds per hash: OWASP's scrypt minimum is N=2^17,r=8 for passwords; secrets here carry 256 bits of entropy, so N=2^15 is ample. */
export const defaultScryptParams: ScryptParams = { logN: 15, r: 8, p: 1 };

const hashBytes = 32;
const saltBytes = 16;
const storedPattern = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{16,128})$/;

function runScrypt(secret: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  const N = 2 ** params.logN;
  // Node refuses more than `maxmem` (32 MiB by default): allow what these parameters need.
  const maxmem = 128 * N * params.r * 2 + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, length, { N, r: params.r, p: params.p, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function checkParams(params: ScryptParams): void {
  // Bounds: a tampered row must not make one verification take seconds or gigabytes.
  if (params.logN < 1 || params.logN > 20 || params.r < 1 || params.r > 16 || params.p < 1 || params.p > 4) {
    throw new Error(`scrypt parameters out of range: ln=${params.logN},r=${params.r},p=${params.p}`);
  }
}

export async function hashSecret(secret: string, params: ScryptParams = defaultScryptParams): Promise<string> {
  checkParams(params);
  const salt = randomBytes(saltBytes);
  const hash = await runScrypt(secret, salt, params, hashBytes);
  return `$scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** Whether `secret` hashes to `stored`; false for a stored hash this module did not write. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const match = storedPattern.exec(stored);
  if (!match) return false;
  const params: ScryptParams = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  checkParams(params);
  const expected = Buffer.from(match[5], 'base64url');
  const actual = await runScrypt(secret, Buffer.from(match[4], 'base64url'), params, expected.length);
  return timingSafeEqual(actual, expected);
}
