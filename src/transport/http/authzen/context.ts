// The condition context of an AuthZEN request. OpenFGA's mapping, so that models written for its
// AuthZEN endpoint work unchanged: subject, resource and action properties become context
// parameters prefixed `subject_`, `resource_`, `action_` (condition parameters cannot hold a
// `.`), and the request's `context` is merged over them (it wins on a clash).
import { newDict } from '../../../model/index.js';
import type { Action, JsonObject, Resource, Subject } from './wire.js';

export interface EntityProperties {
  subject?: Pick<Subject, 'properties'>;
  resource?: Pick<Resource, 'properties'>;
  action?: Pick<Action, 'properties'>;
  context?: JsonObject;
}

/** The merged context, prototype-free; undefined when nothing was sent. */
export function conditionContext(input: EntityProperties): Record<string, unknown> | undefined {
  const sources: [string, JsonObject | undefined][] = [
    ['subject_', input.subject?.properties],
    ['resource_', input.resource?.properties],
    ['action_', input.action?.properties],
    ['', input.context],
  ];
  if (sources.every(([, values]) => values === undefined)) return undefined;
  const merged = newDict<unknown>();
  for (const [prefix, values] of sources) {
    if (!values) continue;
    for (const key of Object.keys(values)) merged[prefix + key] = values[key];
  }
  return merged;
}
