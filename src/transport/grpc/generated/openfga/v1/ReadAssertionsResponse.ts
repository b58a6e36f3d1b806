// Original file: proto/openfga/v1/openfga_service.proto

import type { Assertion as _openfga_v1_Assertion, Assertion__Output as _openfga_v1_Assertion__Output } from '../../openfga/v1/Assertion.js';

export interface ReadAssertionsResponse {
  'authorization_model_id'?: (string);
  'assertions'?: (_openfga_v1_Assertion)[];
}

export interface ReadAssertionsResponse__Output {
  'authorization_model_id': (string);
  'assertions': (_openfga_v1_Assertion__Output)[];
}
