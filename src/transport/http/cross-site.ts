// Browsers on other sites: CORS for the origins the operator lists (RELATA_HTTP_CORS_ORIGINS, with
// @fastify/cors), and a refusal of every other cross-site browser request before any handler runs.
// The refusal matters because bodies are read as JSON whatever their declared type (as OpenFGA's
// gateway does): a `text/plain` POST needs no CORS preflight, so without it any web page could
// make a visitor's browser Write to a Relata on loopback with authentication `none`. Requests
// without an Origin or Sec-Fetch-Site header (SDKs, curl, servers) are not browsers' and pass.
import { isIP } from 'node:net';
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode, RelataError } from '../../model/index.js';
import { consistencyTokenHeader } from './call.js';
import { requestIdHeader } from '../../observability/request-id.js';

/** Exact origins (`https://app.example.com`) or `*`; empty = no cross-origin browser access. */
export type CorsOrigins = readonly string[] | '*';

export interface CrossSitePolicy {
  /** Whether a browser request may reach the API (no browser headers, a listed origin, or the server's own address). */
  admits(request: FastifyRequest): boolean;
}

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Whether the request names the server by an address, not a DNS name. A page on a name its
 * attacker controls can re-point that name at 127.0.0.1 (DNS rebinding) and so look same-origin
 * to the browser; an address cannot be re-pointed. Relata serves no pages of its own, so a
 * same-origin browser call under a DNS name needs that origin listed in RELATA_HTTP_CORS_ORIGINS.
 */
function namesAnAddress(request: FastifyRequest): boolean {
  const hostname = request.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(hostname) !== 0;
}

export function crossSitePolicy(origins: CorsOrigins): CrossSitePolicy {
  const allowed = new Set(origins === '*' ? [] : origins);
  const isAllowed = (origin: string): boolean => origins === '*' || allowed.has(origin);
  const isOwn = (request: FastifyRequest, origin: string): boolean => origin === `${request.protocol}://${request.host}` && namesAnAddress(request);
  return {
    admits(request) {
      const origin = headerOf(request, 'origin');
      if (origin !== undefined) return isAllowed(origin) || isOwn(request, origin);
      // No Origin (a GET navigation, an image or script load): the fetch metadata still tells.
      return headerOf(request, 'sec-fetch-site') !== 'cross-site';
    },
  };
}

/** The refusal of a cross-site browser request (403, OpenFGA's `forbidden`). */
export function crossSiteError(request: FastifyRequest): RelataError {
  const origin = headerOf(request, 'origin');
  const from = origin === undefined ? 'another site' : `origin ${JSON.stringify(origin.slice(0, 128))}`;
  return new RelataError(ErrorCode.Forbidden, `cross-site request refused: ${from} is not allowed to call this server (RELATA_HTTP_CORS_ORIGINS)`);
}

/** Registers CORS for the listed origins (nothing when the list is empty). */
export function registerCors(app: FastifyInstance, origins: CorsOrigins): void {
  if (origins !== '*' && origins.length === 0) return;
  void app.register(cors, {
    origin: origins === '*' ? '*' : [...origins],
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // Requested headers are reflected (SDKs add their own); the credential is the Authorization
    // header, never a cookie, so credentialed CORS stays off.
    credentials: false,
    exposedHeaders: [requestIdHeader, consistencyTokenHeader, 'retry-after'],
    maxAge: 600,
  });
}
