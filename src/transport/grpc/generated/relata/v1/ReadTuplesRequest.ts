// Original file: proto/relata/v1/relata_service.proto

import type { ReadRequestTupleKey as _openfga_v1_ReadRequestTupleKey, ReadRequestTupleKey__Output as _openfga_v1_ReadRequestTupleKey__Output } from '../../openfga/v1/ReadRequestTupleKey.js';

export interface ReadTuplesRequest {
  'store_id'?: (string);
  'tuple_key'?: (_openfga_v1_ReadRequestTupleKey | null);
  'page_size'?: (number);
  'continuation_token'?: (string);
}

export interface ReadTuplesRequest__Output {
  'store_id': (string);
  'tuple_key': (_openfga_v1_ReadRequestTupleKey__Output | null);
  'page_size': (number);
  'continuation_token': (string);
}
