// Original file: proto/relata/v1/relata_service.proto


export interface PermissionFailure {
  'object'?: (string);
  'relation'?: (string);
  'message'?: (string);
}

export interface PermissionFailure__Output {
  'object': (string);
  'relation': (string);
  'message': (string);
}
