// Original file: proto/relata/v1/relata_service.proto

import type { ExplainedTuple as _relata_v1_ExplainedTuple, ExplainedTuple__Output as _relata_v1_ExplainedTuple__Output } from '../../relata/v1/ExplainedTuple.js';
import type { ExplainedCondition as _relata_v1_ExplainedCondition, ExplainedCondition__Output as _relata_v1_ExplainedCondition__Output } from '../../relata/v1/ExplainedCondition.js';
import type { ExplainNode as _relata_v1_ExplainNode, ExplainNode__Output as _relata_v1_ExplainNode__Output } from '../../relata/v1/ExplainNode.js';

export interface ExplainNode {
  'step'?: (string);
  'result'?: (string);
  'object'?: (string);
  'relation'?: (string);
  'tupleset'?: (string);
  'role'?: (string);
  'reason'?: (string);
  'tuple'?: (_relata_v1_ExplainedTuple | null);
  'condition'?: (_relata_v1_ExplainedCondition | null);
  'error_code'?: (number);
  'message'?: (string);
  'children'?: (_relata_v1_ExplainNode)[];
  'omitted_children'?: (number);
}

export interface ExplainNode__Output {
  'step': (string);
  'result': (string);
  'object': (string);
  'relation': (string);
  'tupleset': (string);
  'role': (string);
  'reason': (string);
  'tuple': (_relata_v1_ExplainedTuple__Output | null);
  'condition': (_relata_v1_ExplainedCondition__Output | null);
  'error_code': (number);
  'message': (string);
  'children': (_relata_v1_ExplainNode__Output)[];
  'omitted_children': (number);
}
