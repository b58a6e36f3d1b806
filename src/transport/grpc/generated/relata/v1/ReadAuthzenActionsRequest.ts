// Original file: proto/relata/v1/relata_service.proto


export interface ReadAuthzenActionsRequest {
  'store_id'?: (string);
}

export interface ReadAuthzenActionsRequest__Output {
  'store_id': (string);
}
