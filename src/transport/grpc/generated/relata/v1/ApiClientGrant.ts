// Original file: proto/relata/v1/relata_service.proto


export interface ApiClientGrant {
  'store'?: (string);
  'scopes'?: (string)[];
}

export interface ApiClientGrant__Output {
  'store': (string);
  'scopes': (string)[];
}
