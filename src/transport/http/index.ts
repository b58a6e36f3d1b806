// The HTTP/JSON transport: OpenFGA's REST API and AuthZEN 1.0.
export { startHttpServer, buildHttpApp, registeredRoutesOf } from './server.js';
export type { HttpServer, HttpServerOptions, HttpTlsOptions } from './server.js';
