// The Access Evaluation and Access Evaluations APIs (spec §6, §7). One evaluation is a Check;
// many are BatchChecks. `execute_all` sends every item in one BatchCheck; the short-circuiting
// semantics send them in windows of doubling size, in order, and stop after the window holding the
// first deny (`deny_on_first_deny`, where an error counts as a deny) or permit
// (`permit_on_first_permit`): parallel like execute_all on short batches, bounded waste on long ones
// (OpenFGA runs them one Check at a time).
import type { BatchCheckResult, RelataService } from '../../../service/index.js';
import type { Logger } from '../../../observability/logger.js';
import type { HttpCall } from '../call.js';
import { failedDecision } from './errors.js';
import { checkOf, storeQuery } from './query.js';
import type { Evaluation } from './query.js';
import { badRequest, field, optionalContext, optionalObject, readAction, readBody, readResource, readSubject, requireObject } from './wire.js';
import type { JsonObject } from './wire.js';

export interface Decision {
  decision: boolean;
  context?: JsonObject;
}

export const semantics = ['execute_all', 'deny_on_first_deny', 'permit_on_first_permit'] as const;
export type Semantic = (typeof semantics)[number];

export interface EvaluationDeps {
  service: RelataService;
  logger: Logger;
  /** Evaluations per request: the service's BatchCheck limit, which every window stays within. */
  maxEvaluations: number;
}

function readEvaluation(body: JsonObject, name: string): Evaluation {
  const at = (key: string) => (name ? `${name}.${key}` : key);
  return {
    subject: readSubject(field(body, 'subject'), at('subject')),
    action: readAction(field(body, 'action'), at('action')),
    resource: readResource(field(body, 'resource'), at('resource')),
    context: optionalContext(field(body, 'context'), at('context')),
  };
}

export async function evaluate(deps: EvaluationDeps, storeId: string, rawBody: unknown, call: HttpCall): Promise<Decision> {
  const evaluation = readEvaluation(readBody(rawBody), '');
  const out = await deps.service.check({ ...storeQuery(storeId, call), ...checkOf(evaluation) }, call.caller);
  return { decision: out.allowed };
}

interface EvaluationsRequest {
  items: Evaluation[];
  semantic: Semantic;
}

/** Each item's subject, action, resource and context, else the top-level default (spec §7.1.1). */
function readEvaluations(body: JsonObject, maxEvaluations: number): EvaluationsRequest | undefined {
  const list = field(body, 'evaluations');
  if (list !== undefined && list !== null && !Array.isArray(list)) throw badRequest('evaluations', 'value must be an array');
  const options = optionalObject(field(body, 'options'), 'options');
  const semanticValue = options ? field(options, 'evaluations_semantic') : undefined;
  if (semanticValue !== undefined && !(semantics as readonly unknown[]).includes(semanticValue)) {
    throw badRequest('options.evaluations_semantic', `value must be one of ${semantics.join(', ')}`);
  }
  if (!list || list.length === 0) return undefined;
  if (list.length > maxEvaluations) throw badRequest('evaluations', `value must contain no more than ${maxEvaluations} item(s)`);
  const defaults = {
    subject: field(body, 'subject'),
    action: field(body, 'action'),
    resource: field(body, 'resource'),
    context: optionalContext(field(body, 'context'), 'context'),
  };
  // The defaults are validated once, under their own names, and only when an item uses them.
  const subject = defaults.subject === undefined ? undefined : readSubject(defaults.subject, 'subject');
  const action = defaults.action === undefined ? undefined : readAction(defaults.action, 'action');
  const resource = defaults.resource === undefined ? undefined : readResource(defaults.resource, 'resource');
  const items = list.map((raw: unknown, i): Evaluation => {
    const name = `evaluations[${i}]`;
    const item = requireObject(raw, name);
    const own = (key: string) => field(item, key) !== undefined;
    const missing = (key: string) => badRequest(`${name}.${key}`, 'value is required (in the item or at the top level)');
    const itemSubject = own('subject') ? readSubject(field(item, 'subject'), `${name}.subject`) : subject;
    const itemAction = own('action') ? readAction(field(item, 'action'), `${name}.action`) : action;
    const itemResource = own('resource') ? readResource(field(item, 'resource'), `${name}.resource`) : resource;
    if (!itemSubject) throw missing('subject');
    if (!itemAction) throw missing('action');
    if (!itemResource) throw missing('resource');
    const context = own('context') ? optionalContext(field(item, 'context'), `${name}.context`) : defaults.context;
    return { subject: itemSubject, action: itemAction, resource: itemResource, context };
  });
  return { items, semantic: (semanticValue as Semantic | undefined) ?? 'execute_all' };
}

function stopsAt(semantic: Semantic, decision: Decision): boolean {
  if (semantic === 'deny_on_first_deny') return !decision.decision;
  return semantic === 'permit_on_first_permit' && decision.decision;
}

async function decideWindow(deps: EvaluationDeps, storeId: string, items: Evaluation[], call: HttpCall): Promise<Decision[]> {
  const out = await deps.service.batchCheck(
    { ...storeQuery(storeId, call), checks: items.map((item, i) => ({ correlationId: String(i), ...checkOf(item) })) },
    call.caller,
  );
  return items.map((_, i) => toDecision(out.results.get(String(i)), deps, call));
}

function toDecision(result: BatchCheckResult | undefined, deps: EvaluationDeps, call: HttpCall): Decision {
  if (result && 'allowed' in result) return { decision: result.allowed };
  if (result) return failedDecision(result.error, deps.logger, call.requestId);
  return { decision: false, context: { error: { status: 500, code: 'internal_error', message: 'no result for this evaluation' } } };
}

const firstWindow = 4;

export async function evaluateMany(deps: EvaluationDeps, storeId: string, rawBody: unknown, call: HttpCall): Promise<{ decision?: boolean; context?: JsonObject; evaluations: Decision[] }> {
  const body = readBody(rawBody);
  const request = readEvaluations(body, deps.maxEvaluations);
  if (!request) {
    // No items: the single evaluation of the top-level fields, answered in both forms (spec §7.1).
    const single = await evaluate(deps, storeId, body, call);
    return { ...single, evaluations: [single] };
  }
  const { items, semantic } = request;
  if (semantic === 'execute_all') return { evaluations: await decideWindow(deps, storeId, items, call) };
  const decisions: Decision[] = [];
  let size = firstWindow;
  for (let start = 0; start < items.length; start += size, size *= 2) {
    const window = await decideWindow(deps, storeId, items.slice(start, start + size), call);
    const stop = window.findIndex((decision) => stopsAt(semantic, decision));
    if (stop < 0) {
      decisions.push(...window);
      continue;
    }
    const last = window[stop];
    // A plain deny that ended the batch says why the list is short, as the spec's example does.
    decisions.push(...window.slice(0, stop), semantic === 'deny_on_first_deny' && !last.context ? { decision: false, context: { code: '200', reason: semantic } } : last);
    break;
  }
  return { evaluations: decisions };
}
