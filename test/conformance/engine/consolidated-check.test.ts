// OpenFGA's consolidated check assertions run straight through the engine over an in-memory
// TupleReader (the storage and gRPC runs reuse consolidated-runner.ts with their own driver).
import { parseDsl } from '../../../src/dsl/index.js';
import { Engine } from '../../../src/engine/index.js';
import { ArrayTupleReader } from '../../helpers/array-tuple-reader.js';
import { conformanceDir } from '../../helpers/conformance.js';
import type { CheckDriver } from './consolidated-runner.js';
import { describeCheckConformance } from './consolidated-runner.js';

const corpus = conformanceDir();

/** The engine as a driver: the store is an array of tuples, the model a fresh Engine. */
export const engineDriver: CheckDriver = {
  async openStore() {
    const reader = new ArrayTupleReader();
    let engine: Engine | undefined;
    return {
      async writeModel(dsl) {
        const { model, errors } = parseDsl(dsl);
        if (errors.length > 0) throw new Error(`model does not compile: ${errors.map((e) => e.message).join('; ')}`);
        engine = new Engine(model);
      },
      async writeTuples(tuples) {
        // OpenFGA writes stage tuples through Write, which validates them against the stage model.
        engine?.validateContextualTuples(tuples);
        reader.add(tuples);
      },
      async check({ tuple, contextualTuples, context }) {
        if (!engine) throw new Error('no model');
        const result = await engine.check(reader, { ...tuple, contextualTuples, context });
        return result.allowed;
      },
    };
  },
};

/** Assertions this runner does not run, by test name, with the reason. None today. */
const skips: Record<string, string> = {};

describeCheckConformance(corpus, 'engine check', () => engineDriver, skips);
