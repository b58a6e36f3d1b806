// Original file: proto/openfga/v1/openfga_service.proto

import type { WriteRequestWrites as _openfga_v1_WriteRequestWrites, WriteRequestWrites__Output as _openfga_v1_WriteRequestWrites__Output } from '../../openfga/v1/WriteRequestWrites.js';
import type { WriteRequestDeletes as _openfga_v1_WriteRequestDeletes, WriteRequestDeletes__Output as _openfga_v1_WriteRequestDeletes__Output } from '../../openfga/v1/WriteRequestDeletes.js';

export interface WriteRequest {
  'store_id'?: (string);
  'writes'?: (_openfga_v1_WriteRequestWrites | null);
  'deletes'?: (_openfga_v1_WriteRequestDeletes | null);
  'authorization_model_id'?: (string);
}

export interface WriteRequest__Output {
  'store_id': (string);
  'writes': (_openfga_v1_WriteRequestWrites__Output | null);
  'deletes': (_openfga_v1_WriteRequestDeletes__Output | null);
  'authorization_model_id': (string);
}
