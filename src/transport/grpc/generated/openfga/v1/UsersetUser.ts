// Original file: proto/openfga/v1/openfga.proto


export interface UsersetUser {
  'type'?: (string);
  'id'?: (string);
  'relation'?: (string);
}

export interface UsersetUser__Output {
  'type': (string);
  'id': (string);
  'relation': (string);
}
