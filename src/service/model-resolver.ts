// Resolves `authorization_model_id` (or the store's latest model) to a model, with an LRU of
// models keyed by store + id: versions are immutable, so an entry never goes stale. Only
// "which id is the latest" can change; it is cached briefly and dropped on this replica's own
// WriteAuthorizationModel, so other replicas see a new model within `latestTtlMs`.
import { LRUCache } from 'lru-cache';
import { ErrorCode, NotFoundError, ValidationError } from '../model/index.js';
import type { AuthorizationModel } from '../model/index.js';
import { TypeSystem } from '../model/type-system.js';
import { Engine } from '../engine/index.js';
import type { ModelRepository } from '../storage/datastore.js';

/** Builds the engine of a model version (with the configured limits and condition costs). */
export type EngineFactory = (model: AuthorizationModel) => Engine;

export interface ResolvedModel {
  readonly id: string;
  readonly model: AuthorizationModel & { id: string };
  /** The model's engine (index, conditions, reverse graph), built on first use and kept with the model. */
  readonly engine: Engine;
  /** Which user types may be written on which relation, for tuple validation. */
  readonly typeSystem: TypeSystem;
}

class CachedModel implements ResolvedModel {
  readonly id: string;
  private loaded?: AuthorizationModel & { id: string };
  private readonly load: () => AuthorizationModel & { id: string };
  private builtEngine?: Engine;
  private builtTypeSystem?: TypeSystem;

  constructor(
    id: string,
    model: (AuthorizationModel & { id: string }) | (() => AuthorizationModel & { id: string }),
    private readonly engineOf: EngineFactory,
  ) {
    this.id = id;
    if (typeof model === 'function') this.load = model;
    else {
      this.loaded = model;
      this.load = () => model;
    }
  }

  /** A model this replica wrote is parsed from its text on first use, not on the write's path. */
  get model(): AuthorizationModel & { id: string } {
    this.loaded ??= this.load();
    return this.loaded;
  }

  get engine(): Engine {
    this.builtEngine ??= this.engineOf(this.model);
    return this.builtEngine;
  }

  get typeSystem(): TypeSystem {
    this.builtTypeSystem ??= new TypeSystem(this.model);
    return this.builtTypeSystem;
  }
}

export interface ModelResolverOptions {
  maxModels: number;
  latestTtlMs?: number;
  /** Default: an engine with the default limits and conditions. */
  engine?: EngineFactory;
}

export class ModelResolver {
  private readonly repository: ModelRepository;
  private readonly models: LRUCache<string, CachedModel>;
  private readonly latest: LRUCache<string, string>;
  private readonly engineOf: EngineFactory;

  constructor(repository: ModelRepository, options: ModelResolverOptions) {
    this.repository = repository;
    this.engineOf = options.engine ?? ((model) => new Engine(model));
    this.models = new LRUCache({ max: options.maxModels });
    this.latest = new LRUCache({ max: 10_000, ttl: options.latestTtlMs ?? 1000 });
  }

  /** The given model, or the latest one when `modelId` is empty. */
  async resolve(storeId: string, modelId: string | undefined): Promise<ResolvedModel> {
    if (modelId) return this.byId(storeId, modelId);
    const latestId = this.latest.get(storeId);
    if (latestId) {
      const cached = this.models.get(`${storeId}/${latestId}`);
      if (cached) return cached;
    }
    const model = await this.repository.readLatestModel(storeId);
    if (!model?.id) {
      throw new ValidationError(ErrorCode.LatestAuthorizationModelNotFound, `No authorization models found for store '${storeId}'`);
    }
    this.latest.set(storeId, model.id);
    return this.remember(storeId, { ...model, id: model.id });
  }

  async byId(storeId: string, modelId: string): Promise<ResolvedModel> {
    const cached = this.models.get(`${storeId}/${modelId}`);
    if (cached) return cached;
    const model = await this.repository.readModel(storeId, modelId);
    if (!model) throw new NotFoundError(ErrorCode.AuthorizationModelNotFound, `Authorization Model '${modelId}' not found`);
    return this.remember(storeId, { ...model, id: modelId });
  }

  /** Called after this replica wrote a model, so that "latest" moves at once. */
  modelWritten(storeId: string, id: string, model: () => AuthorizationModel & { id: string }): void {
    this.latest.set(storeId, id);
    this.models.set(`${storeId}/${id}`, new CachedModel(id, model, this.engineOf));
  }

  storeDeleted(storeId: string): void {
    this.latest.delete(storeId);
  }

  private remember(storeId: string, model: AuthorizationModel & { id: string }): CachedModel {
    const entry = new CachedModel(model.id, model, this.engineOf);
    this.models.set(`${storeId}/${model.id}`, entry);
    return entry;
  }
}
