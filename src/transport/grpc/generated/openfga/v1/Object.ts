// Original file: proto/openfga/v1/openfga.proto


export interface Object {
  'type'?: (string);
  'id'?: (string);
}

export interface Object__Output {
  'type': (string);
  'id': (string);
}
