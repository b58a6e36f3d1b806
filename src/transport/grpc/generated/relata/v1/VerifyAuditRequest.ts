// Original file: proto/relata/v1/relata_service.proto


export interface VerifyAuditRequest {
  'store_id'?: (string);
}

export interface VerifyAuditRequest__Output {
  'store_id': (string);
}
