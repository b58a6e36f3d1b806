// Original file: proto/openfga/v1/openfga_service.proto


export interface WriteAuthorizationModelResponse {
  'authorization_model_id'?: (string);
}

export interface WriteAuthorizationModelResponse__Output {
  'authorization_model_id': (string);
}
