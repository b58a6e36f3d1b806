// Original file: proto/relata/v1/relata_service.proto

import type { ExplainNode as _relata_v1_ExplainNode, ExplainNode__Output as _relata_v1_ExplainNode__Output } from '../../relata/v1/ExplainNode.js';
import type { ExplainError as _relata_v1_ExplainError, ExplainError__Output as _relata_v1_ExplainError__Output } from '../../relata/v1/ExplainError.js';

export interface ExplainResponse {
  'allowed'?: (boolean);
  'root'?: (_relata_v1_ExplainNode | null);
  'node_count'?: (number);
  'truncated'?: (boolean);
  'error'?: (_relata_v1_ExplainError | null);
}

export interface ExplainResponse__Output {
  'allowed': (boolean);
  'root': (_relata_v1_ExplainNode__Output | null);
  'node_count': (number);
  'truncated': (boolean);
  'error': (_relata_v1_ExplainError__Output | null);
}
