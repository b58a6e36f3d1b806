// Original file: proto/openfga/v1/openfga_service.proto

import type { ErrorCode as _openfga_v1_ErrorCode, ErrorCode__Output as _openfga_v1_ErrorCode__Output } from '../../openfga/v1/ErrorCode.js';
import type { InternalErrorCode as _openfga_v1_InternalErrorCode, InternalErrorCode__Output as _openfga_v1_InternalErrorCode__Output } from '../../openfga/v1/InternalErrorCode.js';

export interface CheckError {
  'input_error'?: (_openfga_v1_ErrorCode);
  'internal_error'?: (_openfga_v1_InternalErrorCode);
  'message'?: (string);
  'code'?: "input_error"|"internal_error";
}

export interface CheckError__Output {
  'input_error'?: (_openfga_v1_ErrorCode__Output);
  'internal_error'?: (_openfga_v1_InternalErrorCode__Output);
  'message': (string);
  'code'?: "input_error"|"internal_error";
}
