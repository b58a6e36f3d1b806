// Every relation a user has on one object (OpenFGA SDKs' listRelations, which sends one Check per
// relation): here one Check session answers them all, so their common sub-problems are evaluated
// once and their reads of each graph level go out together.
import type { RelataError, TupleKey, UserRef } from '../../model/index.js';
import { ErrorCode, ValidationError, parseObject, preview } from '../../model/index.js';
import type { CheckSession } from '../check/check-session.js';

export interface ListRelationsRequest {
  object: string;
  user: string;
  /** Relations to test; empty or absent = every relation of the object's type. */
  relations?: readonly string[];
  contextualTuples?: TupleKey[];
  context?: Record<string, unknown>;
}

export interface ListRelationsResult {
  /** The relations the user has, in the order asked (model order by default). */
  relations: string[];
  /**
   * Relations whose answer could not be decided (a condition parameter missing: 2000, the depth
   * limit: 2002), with the error Check would have thrown. Any other error fails the call.
   */
  failures: { relation: string; error: RelataError }[];
  readCount: number;
}

/** Most relations one call may test. */
export const maxListedRelations = 100;

export function relationsToList(relationNames: readonly string[], asked: readonly string[] | undefined): string[] {
  const relations = asked && asked.length > 0 ? [...new Set(asked)] : [...relationNames];
  if (relations.length > maxListedRelations) throw new ValidationError(ErrorCode.ValidationError, `invalid 'relations' value: at most ${maxListedRelations} entries`);
  return relations;
}

/** Errors that stay with one relation; anything else (cancelled, a read failed) fails the call. */
const perRelation = new Set<number>([ErrorCode.ValidationError, ErrorCode.AuthorizationModelResolutionTooComplex]);

/** The request must be validated for every relation as Check validates it (Engine.listRelations). */
export async function listRelationsIn(session: CheckSession, request: ListRelationsRequest, relations: readonly string[], user: UserRef): Promise<ListRelationsResult> {
  const object = parseObject(request.object);
  if (!object) throw new ValidationError(ErrorCode.ValidationError, `the 'object' field '${preview(request.object)}' must be of the form type:id`);
  const outcomes = await Promise.all(relations.map((relation) => session.check(object, relation, user)));
  const result: ListRelationsResult = { relations: [], failures: [], readCount: 0 };
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.allowed) result.relations.push(relations[i]!);
    else if (outcome.error && !perRelation.has(outcome.error.code)) throw outcome.error;
    else if (outcome.error) result.failures.push({ relation: relations[i]!, error: outcome.error });
  }
  result.readCount = session.reads.readCount;
  return result;
}
