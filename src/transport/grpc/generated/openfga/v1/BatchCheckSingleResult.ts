// Original file: proto/openfga/v1/openfga_service.proto

import type { CheckError as _openfga_v1_CheckError, CheckError__Output as _openfga_v1_CheckError__Output } from '../../openfga/v1/CheckError.js';

export interface BatchCheckSingleResult {
  'allowed'?: (boolean);
  'error'?: (_openfga_v1_CheckError | null);
  'check_result'?: "allowed"|"error";
}

export interface BatchCheckSingleResult__Output {
  'allowed'?: (boolean);
  'error'?: (_openfga_v1_CheckError__Output | null);
  'check_result'?: "allowed"|"error";
}
