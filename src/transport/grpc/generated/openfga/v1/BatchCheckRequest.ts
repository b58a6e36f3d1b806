// Original file: proto/openfga/v1/openfga_service.proto

import type { BatchCheckItem as _openfga_v1_BatchCheckItem, BatchCheckItem__Output as _openfga_v1_BatchCheckItem__Output } from '../../openfga/v1/BatchCheckItem.js';
import type { ConsistencyPreference as _openfga_v1_ConsistencyPreference, ConsistencyPreference__Output as _openfga_v1_ConsistencyPreference__Output } from '../../openfga/v1/ConsistencyPreference.js';

export interface BatchCheckRequest {
  'store_id'?: (string);
  'checks'?: (_openfga_v1_BatchCheckItem)[];
  'authorization_model_id'?: (string);
  'consistency'?: (_openfga_v1_ConsistencyPreference);
}

export interface BatchCheckRequest__Output {
  'store_id': (string);
  'checks': (_openfga_v1_BatchCheckItem__Output)[];
  'authorization_model_id': (string);
  'consistency': (_openfga_v1_ConsistencyPreference__Output);
}
