// Explain against OpenFGA's whole consolidated corpus: on every check assertion Explain's verdict
// (or error code) equals Check's; for every allowed one, a Check over a store holding only the
// explained path's tuples (plus the request's contextual tuples) is allowed again; for every
// denied one, the tree names no branch as granting.
import { afterAll } from 'vitest';
import { parseDsl } from '../../../src/dsl/index.js';
import type { ExplainNode, ExplainResult } from '../../../src/engine/index.js';
import { Engine, explainNodes } from '../../../src/engine/index.js';
import type { TupleKey } from '../../../src/model/index.js';
import { RelataError } from '../../../src/model/index.js';
import { ArrayTupleReader } from '../../helpers/array-tuple-reader.js';
import { conformanceDir } from '../../helpers/conformance.js';
import type { CheckDriver } from './consolidated-runner.js';
import { describeCheckConformance } from './consolidated-runner.js';

const corpus = conformanceDir();
const tally = { allowedReplayed: 0, deniedVerified: 0, errorsAgreed: 0 };
afterAll(() => {
  if (corpus) console.log(`[conformance] explain: ${tally.allowedReplayed} allowed paths replayed, ${tally.deniedVerified} denials verified, ${tally.errorsAgreed} errors agreed`);
});

const anyOf = new Set<ExplainNode['step']>(['relation', 'computed-userset', 'direct', 'nested-membership', 'tuple-to-userset', 'union', 'tuple']);

/** A node that did not grant while one of its "any of" children did would name a granting branch. */
function grantingBranchUnder(root: ExplainNode): ExplainNode | undefined {
  for (const node of explainNodes(root)) {
    if (node.result === 'allowed') continue;
    const children = node.children ?? [];
    if (anyOf.has(node.step) && children.some((c) => c.result === 'allowed')) return node;
    if (node.step === 'intersection' && children.length > 0 && children.every((c) => c.result === 'allowed')) return node;
  }
  return undefined;
}

const identity = (key: { object: string; relation: string; user: string }) => `${key.object}#${key.relation}@${key.user}`;

export const explainDriver: CheckDriver = {
  async openStore() {
    const reader = new ArrayTupleReader();
    const written = new Map<string, TupleKey>();
    let engine: Engine | undefined;
    return {
      async writeModel(dsl) {
        const { model, errors } = parseDsl(dsl);
        if (errors.length > 0) throw new Error(`model does not compile: ${errors.map((e) => e.message).join('; ')}`);
        engine = new Engine(model);
      },
      async writeTuples(tuples) {
        engine?.validateContextualTuples(tuples);
        reader.add(tuples);
        for (const t of tuples) written.set(identity(t), t);
      },
      async check({ tuple, contextualTuples, context }) {
        if (!engine) throw new Error('no model');
        const request = { ...tuple, contextualTuples, context };
        let checked: boolean | RelataError;
        try {
          checked = (await engine.check(reader, request)).allowed;
        } catch (error) {
          if (!(error instanceof RelataError)) throw error;
          checked = error;
        }
        let explained: ExplainResult;
        try {
          explained = await engine.explain(reader, request, { explain: { maxNodes: 10_000 } });
        } catch (error) {
          if (checked instanceof RelataError && error instanceof RelataError && error.code === checked.code) {
            tally.errorsAgreed++;
            throw checked;
          }
          throw new Error(`explain threw ${String(error)} where check answered ${String(checked)}`);
        }
        if (checked instanceof RelataError) {
          if (explained.error?.code !== checked.code) throw new Error(`explain answered ${explained.allowed}/${explained.error?.code} where check failed with ${checked.code}`);
          tally.errorsAgreed++;
          throw checked;
        }
        if (explained.error) throw new Error(`explain failed with ${explained.error.code} where check answered ${checked}`);
        if (explained.allowed !== checked) throw new Error(`explain said ${explained.allowed}, check ${checked}`);
        if (explained.root.result !== (checked ? 'allowed' : 'denied')) throw new Error(`explanation root is ${explained.root.result}`);
        if (explained.truncated) throw new Error('explanation truncated at 10000 nodes');
        if (checked) {
          const path = [...explainNodes(explained.root)].flatMap((n) => (n.step === 'tuple' && n.result === 'allowed' && n.tuple && !n.tuple.contextual ? [n.tuple] : []));
          const stored = path.map((t) => written.get(identity(t)));
          if (stored.some((t) => t === undefined)) throw new Error(`the path names a tuple the store does not hold: ${JSON.stringify(path)}`);
          const replay = new ArrayTupleReader(stored as TupleKey[]);
          const again = await engine.check(replay, request);
          if (!again.allowed) throw new Error(`replaying only the path's ${path.length} tuples denies: ${JSON.stringify(explained.root)}`);
          tally.allowedReplayed++;
        } else {
          const granting = grantingBranchUnder(explained.root);
          if (granting) throw new Error(`denied, yet ${granting.step} ${granting.object ?? ''} has a granting branch`);
          tally.deniedVerified++;
        }
        return checked;
      },
    };
  },
};

describeCheckConformance(corpus, 'engine explain', () => explainDriver);
