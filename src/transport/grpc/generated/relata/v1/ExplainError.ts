// Original file: proto/relata/v1/relata_service.proto


export interface ExplainError {
  'code'?: (number);
  'message'?: (string);
}

export interface ExplainError__Output {
  'code': (number);
  'message': (string);
}
