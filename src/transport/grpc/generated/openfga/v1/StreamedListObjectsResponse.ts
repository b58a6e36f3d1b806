// Original file: proto/openfga/v1/openfga_service.proto


export interface StreamedListObjectsResponse {
  'object'?: (string);
}

export interface StreamedListObjectsResponse__Output {
  'object': (string);
}
