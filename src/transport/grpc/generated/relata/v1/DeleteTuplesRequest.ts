// Original file: proto/relata/v1/relata_service.proto


export interface DeleteTuplesRequest {
  'store_id'?: (string);
  'object_type'?: (string);
  'object_id'?: (string);
  'relation'?: (string);
  'user'?: (string);
  'dry_run'?: (boolean);
  'batch_size'?: (number);
}

export interface DeleteTuplesRequest__Output {
  'store_id': (string);
  'object_type': (string);
  'object_id': (string);
  'relation': (string);
  'user': (string);
  'dry_run': (boolean);
  'batch_size': (number);
}
