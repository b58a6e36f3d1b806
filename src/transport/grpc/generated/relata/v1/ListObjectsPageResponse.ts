// Original file: proto/relata/v1/relata_service.proto

import type { ConditionFailure as _relata_v1_ConditionFailure, ConditionFailure__Output as _relata_v1_ConditionFailure__Output } from '../../relata/v1/ConditionFailure.js';

export interface ListObjectsPageResponse {
  'objects'?: (string)[];
  'continuation_token'?: (string);
  'consistency_token'?: (string);
  'truncated'?: (boolean);
  'condition_failures'?: (_relata_v1_ConditionFailure)[];
}

export interface ListObjectsPageResponse__Output {
  'objects': (string)[];
  'continuation_token': (string);
  'consistency_token': (string);
  'truncated': (boolean);
  'condition_failures': (_relata_v1_ConditionFailure__Output)[];
}
