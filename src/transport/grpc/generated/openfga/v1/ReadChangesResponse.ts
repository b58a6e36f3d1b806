// Original file: proto/openfga/v1/openfga_service.proto

import type { TupleChange as _openfga_v1_TupleChange, TupleChange__Output as _openfga_v1_TupleChange__Output } from '../../openfga/v1/TupleChange.js';

export interface ReadChangesResponse {
  'changes'?: (_openfga_v1_TupleChange)[];
  'continuation_token'?: (string);
}

export interface ReadChangesResponse__Output {
  'changes': (_openfga_v1_TupleChange__Output)[];
  'continuation_token': (string);
}
