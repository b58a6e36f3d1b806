// A minimal client of Relata's HTTP API for tests that drive it without the SDK (the conformance
// runners): JSON in and out, a refusal raised with OpenFGA's numeric code from the body's name.
import { ErrorCode, errorCodeName } from '../../src/model/index.js';

/** OpenFGA's numeric code of an error body's `code` name (`validation_error` → 2000). */
export function errorCodeNumber(name: string): number | undefined {
  for (const value of Object.values(ErrorCode)) {
    if (typeof value === 'number' && errorCodeName(value) === name) return value;
  }
  return undefined;
}

export class HttpCallError extends Error {
  constructor(
    readonly status: number,
    /** OpenFGA's numeric code, from the body's code name. */
    readonly code: number | undefined,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body}`);
  }
}

export interface HttpClient {
  call<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
}

export function createHttpClient(baseUrl: string): HttpClient {
  return {
    async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
      const response = await fetch(baseUrl + path, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) {
        let code: number | undefined;
        try {
          code = errorCodeNumber((JSON.parse(text) as { code?: string }).code ?? '');
        } catch {
          code = undefined;
        }
        throw new HttpCallError(response.status, code, text);
      }
      return (text ? JSON.parse(text) : {}) as T;
    },
  };
}
