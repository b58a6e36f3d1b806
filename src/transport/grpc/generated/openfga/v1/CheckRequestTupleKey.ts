// Original file: proto/openfga/v1/openfga_service.proto


export interface CheckRequestTupleKey {
  'user'?: (string);
  'relation'?: (string);
  'object'?: (string);
}

export interface CheckRequestTupleKey__Output {
  'user': (string);
  'relation': (string);
  'object': (string);
}
