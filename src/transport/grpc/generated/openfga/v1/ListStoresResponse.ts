// Original file: proto/openfga/v1/openfga_service.proto

import type { Store as _openfga_v1_Store, Store__Output as _openfga_v1_Store__Output } from '../../openfga/v1/Store.js';

export interface ListStoresResponse {
  'stores'?: (_openfga_v1_Store)[];
  'continuation_token'?: (string);
}

export interface ListStoresResponse__Output {
  'stores': (_openfga_v1_Store__Output)[];
  'continuation_token': (string);
}
