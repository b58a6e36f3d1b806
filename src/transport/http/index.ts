// The HTTP/JSON transport: OpenFGA's REST API and AuthZEN 1.0.
export { startHttpServer, buildHttpApp } from './server.js';
export type { HttpServer, HttpServerOptions, HttpTlsOptions } from './server.js';
