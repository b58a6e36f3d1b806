// Original file: proto/openfga/v1/openfga.proto


export interface TypedWildcard {
  'type'?: (string);
}

export interface TypedWildcard__Output {
  'type': (string);
}
