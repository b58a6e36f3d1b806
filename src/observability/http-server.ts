// The operations HTTP endpoint: GET /metrics (Prometheus text) and GET /healthz (200 when the
// datastore answers, 503 otherwise). Plain node:http: it must stay up when everything else is sick.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsSource } from './cluster-metrics.js';

export interface OpsServerOptions {
  /** host:port; port 0 picks a free one. */
  addr: string;
  /** A Registry, or the merge of a cluster's workers' registries. */
  registry: MetricsSource;
  /** Resolves when the server can serve (datastore reachable); rejects or returns false otherwise. */
  health: () => Promise<boolean>;
}

export interface OpsServer {
  /** The bound port (useful with port 0). */
  readonly port: number;
  close(): Promise<void>;
}

/** `host:port` (IPv6 hosts in brackets) as the host and port a listener binds. */
export function splitHostPort(addr: string): { host: string; port: number } {
  const colon = addr.lastIndexOf(':');
  const host = addr.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(addr.slice(colon + 1)) };
}

export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/metrics') {
      options.registry
        .metrics()
        .then((text) => res.writeHead(200, { 'content-type': options.registry.contentType }).end(text))
        .catch(() => res.writeHead(500).end());
      return;
    }
    if (path === '/healthz' || path === '/readyz') {
      options
        .health()
        .then((ok) => res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'SERVING' : 'NOT_SERVING' })))
        .catch(() => res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"NOT_SERVING"}'));
      return;
    }
    res.writeHead(404).end();
  });
  const { host, port } = splitHostPort(options.addr);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
