// Original file: proto/openfga/v1/openfga_service.proto


export interface ReadRequestTupleKey {
  'user'?: (string);
  'relation'?: (string);
  'object'?: (string);
}

export interface ReadRequestTupleKey__Output {
  'user': (string);
  'relation': (string);
  'object': (string);
}
