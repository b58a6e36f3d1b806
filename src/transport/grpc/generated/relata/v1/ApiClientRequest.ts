// Original file: proto/relata/v1/relata_service.proto


export interface ApiClientRequest {
  'client_id'?: (string);
}

export interface ApiClientRequest__Output {
  'client_id': (string);
}
