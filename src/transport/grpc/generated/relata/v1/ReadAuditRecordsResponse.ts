// Original file: proto/relata/v1/relata_service.proto

import type { AuditRecord as _relata_v1_AuditRecord, AuditRecord__Output as _relata_v1_AuditRecord__Output } from '../../relata/v1/AuditRecord.js';

export interface ReadAuditRecordsResponse {
  'records'?: (_relata_v1_AuditRecord)[];
  'continuation_token'?: (string);
}

export interface ReadAuditRecordsResponse__Output {
  'records': (_relata_v1_AuditRecord__Output)[];
  'continuation_token': (string);
}
