// Original file: proto/openfga/v1/authzmodel.proto


export interface ComputedUserset {
  'relation'?: (string);
}

export interface ComputedUserset__Output {
  'relation': (string);
}
