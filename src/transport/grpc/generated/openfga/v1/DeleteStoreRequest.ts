// Original file: proto/openfga/v1/openfga_service.proto


export interface DeleteStoreRequest {
  'store_id'?: (string);
}

export interface DeleteStoreRequest__Output {
  'store_id': (string);
}
