// Original file: proto/relata/v1/relata_service.proto

import type { AuditCount as _relata_v1_AuditCount, AuditCount__Output as _relata_v1_AuditCount__Output } from '../../relata/v1/AuditCount.js';
import type { DenialSpike as _relata_v1_DenialSpike, DenialSpike__Output as _relata_v1_DenialSpike__Output } from '../../relata/v1/DenialSpike.js';

export interface AuditReportResponse {
  'changes_by_actor'?: (_relata_v1_AuditCount)[];
  'changes_by_operation'?: (_relata_v1_AuditCount)[];
  'decisions_by_result'?: (_relata_v1_AuditCount)[];
  'top_denied_subjects'?: (_relata_v1_AuditCount)[];
  'top_denied_objects'?: (_relata_v1_AuditCount)[];
  'suspicious_denials'?: (_relata_v1_DenialSpike)[];
  'truncated'?: (boolean);
}

export interface AuditReportResponse__Output {
  'changes_by_actor': (_relata_v1_AuditCount__Output)[];
  'changes_by_operation': (_relata_v1_AuditCount__Output)[];
  'decisions_by_result': (_relata_v1_AuditCount__Output)[];
  'top_denied_subjects': (_relata_v1_AuditCount__Output)[];
  'top_denied_objects': (_relata_v1_AuditCount__Output)[];
  'suspicious_denials': (_relata_v1_DenialSpike__Output)[];
  'truncated': (boolean);
}
