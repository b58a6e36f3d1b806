// Original file: proto/openfga/v1/openfga.proto


export interface TupleKeyWithoutCondition {
  'user'?: (string);
  'relation'?: (string);
  'object'?: (string);
}

export interface TupleKeyWithoutCondition__Output {
  'user': (string);
  'relation': (string);
  'object': (string);
}
