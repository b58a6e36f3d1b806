// Original file: proto/openfga/v1/openfga_service.proto

import type { AuthorizationModel as _openfga_v1_AuthorizationModel, AuthorizationModel__Output as _openfga_v1_AuthorizationModel__Output } from '../../openfga/v1/AuthorizationModel.js';

export interface ReadAuthorizationModelsResponse {
  'authorization_models'?: (_openfga_v1_AuthorizationModel)[];
  'continuation_token'?: (string);
}

export interface ReadAuthorizationModelsResponse__Output {
  'authorization_models': (_openfga_v1_AuthorizationModel__Output)[];
  'continuation_token': (string);
}
