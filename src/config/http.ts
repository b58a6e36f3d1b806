// RELATA_HTTP_ADDR: where the HTTP/JSON API (OpenFGA's REST API, AuthZEN) listens. Default
// 127.0.0.1:8080 (OpenFGA's port); `off` (or false, none, disabled) turns the listener off.

export const httpAddrVariable = 'RELATA_HTTP_ADDR';
export const defaultHttpAddr = '127.0.0.1:8080';

const disabled = /^(off|false|none|disabled)$/i;

/**
 * The HTTP listener's host:port, or undefined when disabled. `address` validates host:port as
 * every listener variable is validated (config.ts owns it).
 */
export function httpAddress(raw: string | undefined, address: (fallback: string) => string): string | undefined {
  const value = raw?.trim();
  if (value !== undefined && disabled.test(value)) return undefined;
  return address(defaultHttpAddr);
}

/**
 * RELATA_HTTP_BENCH_NOOP_ROUTE=true serves `GET /relata/bench/noop` (the request frame only, the
 * bench's HTTP floor). Off unless set: production servers have no use for it.
 */
export const httpBenchNoopVariable = 'RELATA_HTTP_BENCH_NOOP_ROUTE';

/**
 * RELATA_HTTP_CORS_ORIGINS: the browser origins (`https://app.example.com`, exact, comma
 * separated) that may call the HTTP API cross-origin; unset = none. `*` (alone) admits every
 * origin, and only when calls need credentials: with authentication `none` any web page could
 * then act on the server with the rights of whoever browses it.
 */
export const httpCorsOriginsVariable = 'RELATA_HTTP_CORS_ORIGINS';

/** Origins allowed cross-origin: a list of exact origins, or `*` for any. Empty = CORS off. */
export type CorsOrigins = readonly string[] | '*';

const maxCorsOrigins = 100;

export function httpCorsOrigins(raw: string | undefined, authenticationRequired: boolean, fail: (message: string) => Error): CorsOrigins {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.includes('*')) {
    if (entries.length > 1) throw fail(`${httpCorsOriginsVariable}: * cannot be combined with other origins`);
    if (!authenticationRequired) {
      throw fail(`${httpCorsOriginsVariable}=* needs authentication (RELATA_AUTHN_METHOD other than none): without it any web page could call the API; list the exact origins instead`);
    }
    return '*';
  }
  if (entries.length > maxCorsOrigins) throw fail(`${httpCorsOriginsVariable}: at most ${maxCorsOrigins} origins, got ${entries.length}`);
  for (const entry of entries) {
    let origin: string | undefined;
    try {
      const url = new URL(entry);
      origin = url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
    } catch {
      origin = undefined;
    }
    if (origin !== entry) {
      throw fail(`${httpCorsOriginsVariable}: '${entry.slice(0, 128)}' is not an origin; write scheme://host[:port] with no path or trailing slash, lower case, e.g. https://app.example.com`);
    }
  }
  return [...new Set(entries)];
}
