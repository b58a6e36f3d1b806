// A real grpc-js client of Relata's openfga.v1 service, built from the same .proto files: unary
// calls with request metadata and the response headers, failures as (gRPC code, OpenFGA code),
// and server streams. Shared by the in-process harness and the child-process tests.
import { credentials, Metadata } from '@grpc/grpc-js';
import type { ChannelCredentials, ChannelOptions, Client, ServiceError } from '@grpc/grpc-js';
import { relataGrpcServices } from '../../src/transport/grpc/index.js';

export interface RpcResult<T> {
  response: T;
  headers: Metadata;
}

/** A failed call: the gRPC status, OpenFGA's code from the `openfga-error-code` trailer, the message. */
export interface RpcFailure {
  grpcCode: number;
  openfgaCode: number | undefined;
  message: string;
  /** The error's trailers (absent when the call never reached the server). */
  metadata?: Metadata;
}

export interface GrpcCaller {
  client: Client;
  health: Client;
  call<T = Record<string, unknown>>(method: string, request: object, metadata?: Record<string, string>): Promise<RpcResult<T>>;
  /** Resolves with the failure of a call that must fail (rejects when it succeeds). */
  fail(method: string, request: object, metadata?: Record<string, string>): Promise<RpcFailure>;
  stream<T>(method: string, request: object, metadata?: Record<string, string>): Promise<T[]>;
  close(): void;
}

type UnaryMethod = (
  request: object,
  metadata: Metadata,
  options: { deadline?: number },
  callback: (error: ServiceError | null, response: unknown) => void,
) => { on(event: 'metadata', listener: (headers: Metadata) => void): void };

/**
 * `deadlineMs`: per-call deadline (none by default); `service`: openfga.v1 (default) or relata.v1;
 * `credentials`: the channel's (default plaintext); `metadata`: sent with every call (per-call values win);
 * `channelOptions`: grpc-js channel options (e.g. `grpc.use_local_subchannel_pool` for a connection of its own).
 */
export function createGrpcCaller(
  address: string,
  options: { deadlineMs?: number; service?: 'openfga' | 'relata'; credentials?: ChannelCredentials; metadata?: Record<string, string>; channelOptions?: ChannelOptions } = {},
): GrpcCaller {
  const services = relataGrpcServices();
  const channel = options.credentials ?? credentials.createInsecure();
  const client = new services[options.service ?? 'openfga'](address, channel, options.channelOptions);
  const health = new services.health(address, channel, options.channelOptions);

  const toMetadata = (values: Record<string, string> = {}): Metadata => {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries({ ...options.metadata, ...values })) metadata.set(key, value);
    return metadata;
  };

  const call = <T>(method: string, request: object, metadata?: Record<string, string>): Promise<RpcResult<T>> =>
    new Promise((resolve, reject) => {
      let headers = new Metadata();
      const fn = (client as unknown as Record<string, UnaryMethod>)[method].bind(client);
      const callOptions = options.deadlineMs === undefined ? {} : { deadline: Date.now() + options.deadlineMs };
      const pending = fn(request, toMetadata(metadata), callOptions, (error, response) => (error ? reject(error) : resolve({ response: response as T, headers })));
      pending.on('metadata', (received) => (headers = received));
    });

  const fail = async (method: string, request: object, metadata?: Record<string, string>): Promise<RpcFailure> => {
    try {
      await call(method, request, metadata);
    } catch (error) {
      const e = error as ServiceError;
      const [code] = e.metadata?.get('openfga-error-code') ?? [];
      return { grpcCode: e.code, openfgaCode: code === undefined ? undefined : Number(code), message: e.details, metadata: e.metadata };
    }
    throw new Error(`${method} was expected to fail`);
  };

  const stream = <T>(method: string, request: object, metadata?: Record<string, string>): Promise<T[]> =>
    new Promise((resolve, reject) => {
      const items: T[] = [];
      const fn = (client as unknown as Record<string, (r: object, m: Metadata) => NodeJS.EventEmitter>)[method].bind(client);
      const call = fn(request, toMetadata(metadata));
      call.on('data', (item: T) => items.push(item));
      call.on('error', reject);
      call.on('end', () => resolve(items));
    });

  return {
    client,
    health,
    call,
    fail,
    stream,
    close: () => {
      client.close();
      health.close();
    },
  };
}
