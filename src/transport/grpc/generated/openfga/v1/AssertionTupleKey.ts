// Original file: proto/openfga/v1/openfga_service.proto


export interface AssertionTupleKey {
  'object'?: (string);
  'relation'?: (string);
  'user'?: (string);
}

export interface AssertionTupleKey__Output {
  'object': (string);
  'relation': (string);
  'user': (string);
}
