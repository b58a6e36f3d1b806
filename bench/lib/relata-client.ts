// A thin promise wrapper over a real grpc-js client of Relata's openfga.v1 API, as any OpenFGA
// gRPC client would talk to it (and of relata.v1 for the paged listing). Check and the no-op ping send requests serialized once per
// request object: the load generator shares the machine with the server, and its own protobuf
// encoding (a Struct for every context) would otherwise weigh on the rows it measures.
import { credentials, Metadata, type Client, type MethodDefinition, type ServiceError } from '@grpc/grpc-js';
import type { AuthorizationModel, TupleKey } from '../../src/model/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { jsonToStruct } from '../../src/transport/grpc/codec-values.js';
import { consistencyTokenHeader, relataGrpcServices } from '../../src/transport/grpc/index.js';

type Unary = (
  request: object,
  metadata: Metadata,
  callback: (error: ServiceError | null, response: unknown) => void,
) => { on(event: 'metadata', listener: (headers: Metadata) => void): void };

/** Per-call options of a query. */
export interface QueryCallOptions {
  /** A Write's consistency token: the answer must reflect at least that write. */
  consistencyToken?: string;
}

export interface CheckCall {
  object: string;
  relation: string;
  user: string;
  context?: Record<string, unknown>;
}

type AnyMethod = MethodDefinition<object, unknown>;

/** Requests already serialized go through unchanged. */
const passThrough = (bytes: Buffer): Buffer => bytes;

/** One page of relata.v1 ListObjectsPage. */
export interface ObjectsPage {
  objects: string[];
  continuation_token: string;
}

export class RelataClient {
  private readonly client: Client;
  private readonly relata: Client;
  private readonly health: Client;
  private readonly checkMethod: AnyMethod;
  private readonly pingMethod: AnyMethod;
  private readonly pingBytes: Buffer;
  /** Serialized Check requests by request object (with the store and model they were made for). */
  private readonly encodedChecks = new WeakMap<CheckCall, { storeId: string; modelId: string; bytes: Buffer }>();
  storeId = '';
  modelId = '';
  /** Sent as `authorization` metadata with every call (a server with authentication on). */
  private readonly authorization: string | undefined;

  /** `ownConnection`: a TCP connection of its own (grpc-js otherwise shares one per target), e.g. to reach several worker processes. */
  constructor(address: string, clientOptions: { authorization?: string; ownConnection?: boolean } = {}) {
    this.authorization = clientOptions.authorization;
    const services = relataGrpcServices();
    const options = { 'grpc.max_receive_message_length': 64 * 1024 * 1024, ...(clientOptions.ownConnection ? { 'grpc.use_local_subchannel_pool': 1 } : {}) };
    this.client = new services.openfga(address, credentials.createInsecure(), options);
    this.health = new services.health(address, credentials.createInsecure());
    this.relata = new services.relata(address, credentials.createInsecure(), options);
    this.checkMethod = services.openfga.service['Check'] as AnyMethod;
    this.pingMethod = services.health.service['Check'] as AnyMethod;
    this.pingBytes = this.pingMethod.requestSerialize({ service: '' });
  }

  /** A unary call with an already serialized request. */
  /** Fresh request metadata (grpc-js may add to it), carrying the credential when there is one. */
  private metadata(): Metadata {
    const metadata = new Metadata();
    if (this.authorization !== undefined) metadata.set('authorization', this.authorization);
    return metadata;
  }

  private raw<T>(client: Client, method: AnyMethod, bytes: Buffer, metadata = this.metadata()): Promise<T> {
    return new Promise((resolve, reject) =>
      client.makeUnaryRequest(method.path, passThrough, method.responseDeserialize, bytes, metadata, {}, (error, response) => (error ? reject(error) : resolve(response as T))),
    );
  }

  private unary<T>(client: Client, method: string, request: object, metadata = this.metadata(), onHeaders?: (headers: Metadata) => void): Promise<T> {
    const fn = (client as unknown as Record<string, Unary>)[method]!.bind(client);
    return new Promise((resolve, reject) => {
      const call = fn(request, metadata, (error, response) => (error ? reject(error) : resolve(response as T)));
      if (onHeaders) call.on('metadata', onHeaders);
    });
  }

  /** The no-op RPC: the gRPC health service's Check, answered without any I/O. */
  ping(): Promise<unknown> {
    return this.raw(this.health, this.pingMethod, this.pingBytes);
  }

  async setUp(name: string, model: AuthorizationModel): Promise<void> {
    const store = await this.unary<{ id: string }>(this.client, 'CreateStore', { name });
    this.storeId = store.id;
    const encoded = encodeModel({ ...model, id: '' });
    const written = await this.unary<{ authorization_model_id: string }>(this.client, 'WriteAuthorizationModel', {
      store_id: this.storeId,
      schema_version: encoded.schema_version,
      type_definitions: encoded.type_definitions,
      conditions: encoded.conditions,
    });
    this.modelId = written.authorization_model_id;
  }

  /** Resolves with the write's consistency token (the `x-relata-consistency-token` response header). */
  async write(writes: TupleKey[], deletes: TupleKey[] = []): Promise<string | undefined> {
    const encode = (key: TupleKey) => ({
      object: key.object,
      relation: key.relation,
      user: key.user,
      condition: key.condition ? { name: key.condition.name, context: jsonToStruct(key.condition.context) } : null,
    });
    let token: string | undefined;
    await this.unary(
      this.client,
      'Write',
      {
        store_id: this.storeId,
        authorization_model_id: this.modelId,
        writes: writes.length ? { tuple_keys: writes.map(encode) } : null,
        deletes: deletes.length ? { tuple_keys: deletes.map(({ object, relation, user }) => ({ object, relation, user })) } : null,
      },
      undefined,
      (headers) => {
        const [value] = headers.get(consistencyTokenHeader);
        token = value?.toString();
      },
    );
    return token;
  }

  private checkMessage(call: CheckCall) {
    return { tuple_key: { object: call.object, relation: call.relation, user: call.user }, context: jsonToStruct(call.context) };
  }

  async check(call: CheckCall, options: QueryCallOptions = {}): Promise<boolean> {
    const metadata = this.metadata();
    if (options.consistencyToken !== undefined) metadata.set(consistencyTokenHeader, options.consistencyToken);
    const response = await this.raw<{ allowed: boolean }>(this.client, this.checkMethod, this.encodedCheck(call), metadata);
    return response.allowed;
  }

  private encodedCheck(call: CheckCall): Buffer {
    const cached = this.encodedChecks.get(call);
    if (cached && cached.storeId === this.storeId && cached.modelId === this.modelId) return cached.bytes;
    const bytes = this.checkMethod.requestSerialize({ store_id: this.storeId, authorization_model_id: this.modelId, ...this.checkMessage(call) });
    this.encodedChecks.set(call, { storeId: this.storeId, modelId: this.modelId, bytes });
    return bytes;
  }

  async batchCheck(calls: CheckCall[]): Promise<boolean[]> {
    const response = await this.unary<{ result: Record<string, { allowed: boolean; error?: unknown }> }>(this.client, 'BatchCheck', {
      store_id: this.storeId,
      authorization_model_id: this.modelId,
      checks: calls.map((call, i) => ({ ...this.checkMessage(call), correlation_id: String(i) })),
    });
    return calls.map((_, i) => response.result[String(i)]?.allowed === true);
  }

  /** The fields ListObjects, StreamedListObjects and ListObjectsPage share. */
  private listObjectsRequest(type: string, relation: string, user: string, context?: Record<string, unknown>) {
    return { store_id: this.storeId, authorization_model_id: this.modelId, type, relation, user, context: jsonToStruct(context) };
  }

  async listObjects(type: string, relation: string, user: string, context?: Record<string, unknown>): Promise<string[]> {
    const response = await this.unary<{ objects: string[] }>(this.client, 'ListObjects', this.listObjectsRequest(type, relation, user, context));
    return response.objects;
  }

  async listUsers(object: string, relation: string, userType: string, context?: Record<string, unknown>): Promise<number> {
    const [type, id] = [object.slice(0, object.indexOf(':')), object.slice(object.indexOf(':') + 1)];
    const response = await this.unary<{ users: unknown[] }>(this.client, 'ListUsers', {
      store_id: this.storeId,
      authorization_model_id: this.modelId,
      object: { type, id },
      relation,
      user_filters: [{ type: userType, relation: '' }],
      context: jsonToStruct(context),
    });
    return response.users.length;
  }

  /** relata.v1 ListObjectsPage: one page, from the start or after `continuationToken`. */
  listObjectsPage(type: string, relation: string, user: string, pageSize: number, continuationToken = '', context?: Record<string, unknown>): Promise<ObjectsPage> {
    return this.unary<ObjectsPage>(this.relata, 'ListObjectsPage', {
      ...this.listObjectsRequest(type, relation, user, context),
      page_size: pageSize,
      continuation_token: continuationToken,
    });
  }

  /** StreamedListObjects: no result limit, so it measures large answers in full. */
  streamedListObjects(type: string, relation: string, user: string, context?: Record<string, unknown>): Promise<number> {
    const fn = (this.client as unknown as Record<string, (r: object, m: Metadata) => NodeJS.EventEmitter>)['StreamedListObjects']!.bind(this.client);
    return new Promise((resolve, reject) => {
      let count = 0;
      const stream = fn(this.listObjectsRequest(type, relation, user, context), this.metadata());
      stream.on('data', () => count++);
      stream.on('error', reject);
      stream.on('end', () => resolve(count));
    });
  }

  close(): void {
    this.client.close();
    this.relata.close();
    this.health.close();
  }
}
