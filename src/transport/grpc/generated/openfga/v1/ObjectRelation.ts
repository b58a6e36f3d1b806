// Original file: proto/openfga/v1/authzmodel.proto


export interface ObjectRelation {
  'object'?: (string);
  'relation'?: (string);
}

export interface ObjectRelation__Output {
  'object': (string);
  'relation': (string);
}
