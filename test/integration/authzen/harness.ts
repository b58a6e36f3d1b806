// A real HTTP server (startHttpServer) over the service and an in-memory datastore, with stores
// whose models are written in the DSL and tuples written through the service, and a small JSON
// client for the AuthZEN endpoints.
import { operationRules, hasScope, AuthenticationError, ForbiddenError } from '../../../src/auth/index.js';
import type { ApiOperation, Authenticator, Principal, Scope } from '../../../src/auth/index.js';
import { transformDslToModel } from '../../../src/dsl/index.js';
import type { TupleKey } from '../../../src/model/index.js';
import { silentLogger } from '../../../src/observability/index.js';
import { createRelataService } from '../../../src/service/index.js';
import type { RelataService } from '../../../src/service/index.js';
import { createMemoryDatastore } from '../../../src/storage/memory/index.js';
import { startHttpServer } from '../../../src/transport/http/index.js';
import type { HttpServer, HttpServerOptions } from '../../../src/transport/http/index.js';

export interface Reply {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface AuthzenHarness {
  service: RelataService;
  server: HttpServer;
  base: string;
  /** A new store with `dsl` as its model and `tuples` written; returns its id and model id. */
  store(dsl: string, tuples?: TupleKey[]): Promise<{ storeId: string; modelId: string }>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Reply>;
  get(path: string, headers?: Record<string, string>): Promise<Reply>;
  put(path: string, body: unknown, headers?: Record<string, string>): Promise<Reply>;
  close(): Promise<void>;
}

/** `tuple('document:1#viewer@user:alice')` */
export function tuple(text: string, condition?: { name: string; context?: Record<string, unknown> }): TupleKey {
  // The user comes after the first '@' and may hold more (e-mail ids).
  const at = text.indexOf('@');
  const [object, relation] = text.slice(0, at).split('#');
  const user = text.slice(at + 1);
  return { object, relation, user, ...(condition ? { condition } : {}) };
}

async function reply(response: Response): Promise<Reply> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, body, headers: response.headers };
}

export interface HarnessOptions extends Partial<Omit<HttpServerOptions, 'logger' | 'addr'>> {
  maxChecksPerBatchCheck?: number;
}

/** `options.service`: serve an existing service (e.g. one whose store is the default store). */
export async function startAuthzenHarness(options: HarnessOptions = {}): Promise<AuthzenHarness> {
  const logger = silentLogger();
  const service = options.service ?? (await newService(options.maxChecksPerBatchCheck));
  const server = await startHttpServer({ logger, addr: '127.0.0.1:0', ...options, service });
  const base = `http://127.0.0.1:${server.port}`;
  return {
    service,
    server,
    base,
    store: async (dsl, tuples = []) => {
      const store = await service.createStore({ name: 'authzen-test' });
      const { authorizationModelId } = await service.writeAuthorizationModel({ storeId: store.id, model: transformDslToModel(dsl) });
      for (let i = 0; i < tuples.length; i += 100) await service.write({ storeId: store.id, writes: { tupleKeys: tuples.slice(i, i + 100) } });
      return { storeId: store.id, modelId: authorizationModelId };
    },
    post: async (path, body, headers = {}) =>
      reply(await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })),
    get: async (path, headers = {}) => reply(await fetch(base + path, { headers })),
    put: async (path, body, headers = {}) =>
      reply(await fetch(base + path, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })),
    close: () => server.stop(1000),
  };
}

async function newService(maxChecksPerBatchCheck: number | undefined): Promise<RelataService> {
  const datastore = createMemoryDatastore();
  await datastore.migrate();
  return createRelataService({ datastore, logger: silentLogger(), limits: { maxChecksPerBatchCheck } });
}

/**
 * A stub authenticator: `Bearer <scope>@<store>` is a principal holding `scope` on `store`
 * (`*` = every store); no header is refused as missing, anything else as unknown.
 */
export function stubAuthenticator(): Authenticator {
  return {
    required: true,
    authenticate: ({ authorization }) => {
      if (!authorization) return Promise.reject(new AuthenticationError('missing'));
      const match = /^Bearer (\w+)@([\w*]+)$/.exec(authorization);
      if (!match) return Promise.reject(new AuthenticationError('unknown_key'));
      const principal: Principal = { kind: 'client', id: authorization, scopes: new Map([[match[2], new Set([match[1] as Scope])]]) };
      return Promise.resolve(principal);
    },
    authorize: (principal: Principal, operation: ApiOperation, storeId: string | undefined) => {
      const rule = operationRules[operation];
      if (!hasScope(principal, rule.scope, rule.storeScoped ? storeId : undefined)) throw new ForbiddenError();
    },
    close: () => Promise.resolve(),
  };
}
