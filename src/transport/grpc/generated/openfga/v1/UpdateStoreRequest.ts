// Original file: proto/openfga/v1/openfga_service.proto


export interface UpdateStoreRequest {
  'store_id'?: (string);
  'name'?: (string);
}

export interface UpdateStoreRequest__Output {
  'store_id': (string);
  'name': (string);
}
