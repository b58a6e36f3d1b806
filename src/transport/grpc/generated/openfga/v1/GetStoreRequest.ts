// Original file: proto/openfga/v1/openfga_service.proto


export interface GetStoreRequest {
  'store_id'?: (string);
}

export interface GetStoreRequest__Output {
  'store_id': (string);
}
