// Original file: proto/relata/v1/relata_service.proto


export interface Permission {
  'object'?: (string);
  'relation'?: (string);
}

export interface Permission__Output {
  'object': (string);
  'relation': (string);
}
