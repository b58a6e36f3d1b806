// A thin promise wrapper over a real grpc-js client of Relata's openfga.v1 API, as any OpenFGA
// gRPC client would talk to it.
import { credentials, type Client, type ServiceError } from '@grpc/grpc-js';
import type { AuthorizationModel, TupleKey } from '../../src/model/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { jsonToStruct } from '../../src/transport/grpc/codec-values.js';
import { relataGrpcServices } from '../../src/transport/grpc/index.js';

type Unary = (request: object, callback: (error: ServiceError | null, response: unknown) => void) => void;

export interface CheckCall {
  object: string;
  relation: string;
  user: string;
  context?: Record<string, unknown>;
}

export class RelataClient {
  private readonly client: Client;
  private readonly health: Client;
  storeId = '';
  modelId = '';

  constructor(address: string) {
    const services = relataGrpcServices();
    const options = { 'grpc.max_receive_message_length': 64 * 1024 * 1024 };
    this.client = new services.openfga(address, credentials.createInsecure(), options);
    this.health = new services.health(address, credentials.createInsecure());
  }

  private unary<T>(client: Client, method: string, request: object): Promise<T> {
    const fn = (client as unknown as Record<string, Unary>)[method]!.bind(client);
    return new Promise((resolve, reject) => fn(request, (error, response) => (error ? reject(error) : resolve(response as T))));
  }

  ping(): Promise<unknown> {
    return this.unary(this.health, 'Check', { service: '' });
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

  write(writes: TupleKey[], deletes: TupleKey[] = []): Promise<unknown> {
    const encode = (key: TupleKey) => ({
      object: key.object,
      relation: key.relation,
      user: key.user,
      condition: key.condition ? { name: key.condition.name, context: jsonToStruct(key.condition.context) } : null,
    });
    return this.unary(this.client, 'Write', {
      store_id: this.storeId,
      authorization_model_id: this.modelId,
      writes: writes.length ? { tuple_keys: writes.map(encode) } : null,
      deletes: deletes.length ? { tuple_keys: deletes.map(({ object, relation, user }) => ({ object, relation, user })) } : null,
    });
  }

  private checkMessage(call: CheckCall) {
    return { tuple_key: { object: call.object, relation: call.relation, user: call.user }, context: jsonToStruct(call.context) };
  }

  async check(call: CheckCall): Promise<boolean> {
    const response = await this.unary<{ allowed: boolean }>(this.client, 'Check', {
      store_id: this.storeId,
      authorization_model_id: this.modelId,
      ...this.checkMessage(call),
    });
    return response.allowed;
  }

  async batchCheck(calls: CheckCall[]): Promise<boolean[]> {
    const response = await this.unary<{ result: Record<string, { allowed: boolean; error?: unknown }> }>(this.client, 'BatchCheck', {
      store_id: this.storeId,
      authorization_model_id: this.modelId,
      checks: calls.map((call, i) => ({ ...this.checkMessage(call), correlation_id: String(i) })),
    });
    return calls.map((_, i) => response.result[String(i)]?.allowed === true);
  }

  async listObjects(type: string, relation: string, user: string, context?: Record<string, unknown>): Promise<string[]> {
    const response = await this.unary<{ objects: string[] }>(this.client, 'ListObjects', {
      store_id: this.storeId,
      authorization_model_id: this.modelId,
      type,
      relation,
      user,
      context: jsonToStruct(context),
    });
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

  /** StreamedListObjects: no result limit, so it measures large answers in full. */
  streamedListObjects(type: string, relation: string, user: string, context?: Record<string, unknown>): Promise<number> {
    const fn = (this.client as unknown as Record<string, (r: object) => NodeJS.EventEmitter>)['StreamedListObjects']!.bind(this.client);
    return new Promise((resolve, reject) => {
      let count = 0;
      const stream = fn({ store_id: this.storeId, authorization_model_id: this.modelId, type, relation, user, context: jsonToStruct(context) });
      stream.on('data', () => count++);
      stream.on('error', reject);
      stream.on('end', () => resolve(count));
    });
  }

  close(): void {
    this.client.close();
    this.health.close();
  }
}
