// Original file: proto/openfga/v1/openfga.proto


export interface UserTypeFilter {
  'type'?: (string);
  'relation'?: (string);
}

export interface UserTypeFilter__Output {
  'type': (string);
  'relation': (string);
}
