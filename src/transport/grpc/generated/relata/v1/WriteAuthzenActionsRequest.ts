// Original file: proto/relata/v1/relata_service.proto

import type { TypeActions as _relata_v1_TypeActions, TypeActions__Output as _relata_v1_TypeActions__Output } from '../../relata/v1/TypeActions.js';

export interface WriteAuthzenActionsRequest {
  'store_id'?: (string);
  'types'?: (_relata_v1_TypeActions)[];
}

export interface WriteAuthzenActionsRequest__Output {
  'store_id': (string);
  'types': (_relata_v1_TypeActions__Output)[];
}
