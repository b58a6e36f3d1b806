// Original file: proto/relata/v1/relata_service.proto

import type { RelationFailure as _relata_v1_RelationFailure, RelationFailure__Output as _relata_v1_RelationFailure__Output } from '../../relata/v1/RelationFailure.js';

export interface ListRelationsResponse {
  'relations'?: (string)[];
  'failures'?: (_relata_v1_RelationFailure)[];
}

export interface ListRelationsResponse__Output {
  'relations': (string)[];
  'failures': (_relata_v1_RelationFailure__Output)[];
}
