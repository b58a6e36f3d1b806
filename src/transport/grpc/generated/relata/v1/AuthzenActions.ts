// Original file: proto/relata/v1/relata_service.proto

import type { TypeActions as _relata_v1_TypeActions, TypeActions__Output as _relata_v1_TypeActions__Output } from '../../relata/v1/TypeActions.js';

export interface AuthzenActions {
  'types'?: (_relata_v1_TypeActions)[];
}

export interface AuthzenActions__Output {
  'types': (_relata_v1_TypeActions__Output)[];
}
