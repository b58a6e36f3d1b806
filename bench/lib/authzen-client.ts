// AuthZEN `/evaluations` over HTTP/JSON (fetch, keep-alive), for the bench row beside BatchCheck.
import type { CheckCase } from '../dataset.js';

export class AuthzenClient {
  constructor(
    private readonly base: string,
    private readonly storeId: string,
  ) {}

  /** One `/evaluations` request of `cases`; the decisions in order. Throws on any non-200 or item error. */
  async evaluations(cases: CheckCase[]): Promise<boolean[]> {
    const body = {
      evaluations: cases.map((c) => {
        const [subjectType, subjectId] = split(c.user);
        const [resourceType, resourceId] = split(c.object);
        return { subject: { type: subjectType, id: subjectId }, action: { name: c.relation }, resource: { type: resourceType, id: resourceId }, ...(c.context ? { context: c.context } : {}) };
      }),
    };
    const response = await fetch(`${this.base}/stores/${this.storeId}/access/v1/evaluations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status !== 200) throw new Error(`AuthZEN /evaluations answered ${response.status}: ${await response.text()}`);
    const out = (await response.json()) as { evaluations: { decision: boolean; context?: unknown }[] };
    return out.evaluations.map((e) => {
      if (e.context) throw new Error(`AuthZEN evaluation failed: ${JSON.stringify(e.context)}`);
      return e.decision;
    });
  }
}

function split(value: string): [string, string] {
  const colon = value.indexOf(':');
  return [value.slice(0, colon), value.slice(colon + 1)];
}
