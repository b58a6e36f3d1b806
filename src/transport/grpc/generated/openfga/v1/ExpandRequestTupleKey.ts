// Original file: proto/openfga/v1/openfga_service.proto


export interface ExpandRequestTupleKey {
  'relation'?: (string);
  'object'?: (string);
}

export interface ExpandRequestTupleKey__Output {
  'relation': (string);
  'object': (string);
}
