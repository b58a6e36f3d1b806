// Original file: proto/relata/v1/relata_service.proto


export interface ConditionFailure {
  'object'?: (string);
  'message'?: (string);
}

export interface ConditionFailure__Output {
  'object': (string);
  'message': (string);
}
