// Original file: proto/relata/v1/relata_service.proto


export interface WriteTuplesResponse {
  'consistency_token'?: (string);
}

export interface WriteTuplesResponse__Output {
  'consistency_token': (string);
}
