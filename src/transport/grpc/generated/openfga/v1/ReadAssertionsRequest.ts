// Original file: proto/openfga/v1/openfga_service.proto


export interface ReadAssertionsRequest {
  'store_id'?: (string);
  'authorization_model_id'?: (string);
}

export interface ReadAssertionsRequest__Output {
  'store_id': (string);
  'authorization_model_id': (string);
}
