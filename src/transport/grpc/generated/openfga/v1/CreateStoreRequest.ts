// Original file: proto/openfga/v1/openfga_service.proto


export interface CreateStoreRequest {
  'name'?: (string);
}

export interface CreateStoreRequest__Output {
  'name': (string);
}
