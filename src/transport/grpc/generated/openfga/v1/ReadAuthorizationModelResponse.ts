// Original file: proto/openfga/v1/openfga_service.proto

import type { AuthorizationModel as _openfga_v1_AuthorizationModel, AuthorizationModel__Output as _openfga_v1_AuthorizationModel__Output } from '../../openfga/v1/AuthorizationModel.js';

export interface ReadAuthorizationModelResponse {
  'authorization_model'?: (_openfga_v1_AuthorizationModel | null);
}

export interface ReadAuthorizationModelResponse__Output {
  'authorization_model': (_openfga_v1_AuthorizationModel__Output | null);
}
