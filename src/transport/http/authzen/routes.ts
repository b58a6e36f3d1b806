// AuthZEN 1.0 Authorization API (OpenID Foundation), store-scoped as OpenFGA serves it.
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../call.js';

export function registerAuthzenRoutes(_app: FastifyInstance, _deps: HttpDeps): void {
  // Routes arrive with the AuthZEN work.
}
