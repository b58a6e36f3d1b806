// Original file: proto/relata/v1/relata_service.proto


export interface ListApiClientsRequest {
  'page_size'?: (number);
  'continuation_token'?: (string);
}

export interface ListApiClientsRequest__Output {
  'page_size': (number);
  'continuation_token': (string);
}
