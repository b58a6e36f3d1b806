// Original file: proto/openfga/v1/openfga_service.proto


export interface ReadAuthorizationModelRequest {
  'store_id'?: (string);
  'id'?: (string);
}

export interface ReadAuthorizationModelRequest__Output {
  'store_id': (string);
  'id': (string);
}
