// Original file: proto/relata/v1/relata_service.proto

import type { ExpiringTupleKey as _relata_v1_ExpiringTupleKey, ExpiringTupleKey__Output as _relata_v1_ExpiringTupleKey__Output } from '../../relata/v1/ExpiringTupleKey.js';
import type { TupleKeyWithoutCondition as _openfga_v1_TupleKeyWithoutCondition, TupleKeyWithoutCondition__Output as _openfga_v1_TupleKeyWithoutCondition__Output } from '../../openfga/v1/TupleKeyWithoutCondition.js';

export interface WriteTuplesRequest {
  'store_id'?: (string);
  'authorization_model_id'?: (string);
  'writes'?: (_relata_v1_ExpiringTupleKey)[];
  'deletes'?: (_openfga_v1_TupleKeyWithoutCondition)[];
  'on_duplicate'?: (string);
  'on_missing'?: (string);
}

export interface WriteTuplesRequest__Output {
  'store_id': (string);
  'authorization_model_id': (string);
  'writes': (_relata_v1_ExpiringTupleKey__Output)[];
  'deletes': (_openfga_v1_TupleKeyWithoutCondition__Output)[];
  'on_duplicate': (string);
  'on_missing': (string);
}
