// Original file: proto/openfga/v1/openfga_service.proto


export interface ListObjectsResponse {
  'objects'?: (string)[];
}

export interface ListObjectsResponse__Output {
  'objects': (string)[];
}
