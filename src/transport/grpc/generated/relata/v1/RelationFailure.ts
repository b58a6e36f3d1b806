// Original file: proto/relata/v1/relata_service.proto


export interface RelationFailure {
  'relation'?: (string);
  'code'?: (number);
  'message'?: (string);
}

export interface RelationFailure__Output {
  'relation': (string);
  'code': (number);
  'message': (string);
}
