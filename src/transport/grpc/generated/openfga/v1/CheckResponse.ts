// Original file: proto/openfga/v1/openfga_service.proto


export interface CheckResponse {
  'allowed'?: (boolean);
  'resolution'?: (string);
}

export interface CheckResponse__Output {
  'allowed': (boolean);
  'resolution': (string);
}
