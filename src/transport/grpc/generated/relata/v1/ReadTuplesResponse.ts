// Original file: proto/relata/v1/relata_service.proto

import type { ExpiringTuple as _relata_v1_ExpiringTuple, ExpiringTuple__Output as _relata_v1_ExpiringTuple__Output } from '../../relata/v1/ExpiringTuple.js';

export interface ReadTuplesResponse {
  'tuples'?: (_relata_v1_ExpiringTuple)[];
  'continuation_token'?: (string);
}

export interface ReadTuplesResponse__Output {
  'tuples': (_relata_v1_ExpiringTuple__Output)[];
  'continuation_token': (string);
}
