import { describe, expect, it } from 'vitest';
import { formatExplanation } from './explain-format.js';

describe('formatExplanation', () => {
  it('prints the verdict, one indented line per step, conditions with their parameters, and the cap', () => {
    const lines = formatExplanation('doc:1#viewer@user:anne', {
      allowed: false,
      nodeCount: 4,
      truncated: true,
      root: {
        step: 'relation',
        result: 'denied',
        object: 'doc:1#viewer',
        reason: 'no-branch-granted',
        children: [
          {
            step: 'direct',
            result: 'denied',
            object: 'doc:1#viewer',
            reason: 'no-branch-granted',
            omittedChildren: 3,
            children: [
              {
                step: 'tuple',
                result: 'denied',
                reason: 'condition-false',
                tuple: { object: 'doc:1', relation: 'viewer', user: 'user:anne', condition: 'c', contextual: true, wildcard: false },
                condition: { name: 'c', met: false, parameters: { x: 7 } },
              },
            ],
          },
        ],
      },
    });
    expect(lines).toEqual([
      'DENIED doc:1#viewer@user:anne',
      '✗ relation doc:1#viewer — no-branch-granted',
      '└─ ✗ direct doc:1#viewer — no-branch-granted',
      '   ├─ ✗ tuple doc:1#viewer@user:anne (contextual) with c({"x":7}) = false — condition-false',
      '   └─ … 3 more (node cap reached)',
      '(truncated at 4 nodes; raise --max-nodes to see more)',
    ]);
  });
});
