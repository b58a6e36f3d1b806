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
