// Original file: proto/openfga/v1/openfga_service.proto

import type { Tuple as _openfga_v1_Tuple, Tuple__Output as _openfga_v1_Tuple__Output } from '../../openfga/v1/Tuple.js';

export interface ReadResponse {
  'tuples'?: (_openfga_v1_Tuple)[];
  'continuation_token'?: (string);
}

export interface ReadResponse__Output {
  'tuples': (_openfga_v1_Tuple__Output)[];
  'continuation_token': (string);
}
