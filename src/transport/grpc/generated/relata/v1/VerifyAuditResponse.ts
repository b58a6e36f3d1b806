// Original file: proto/relata/v1/relata_service.proto

import type { AuditChainVerification as _relata_v1_AuditChainVerification, AuditChainVerification__Output as _relata_v1_AuditChainVerification__Output } from '../../relata/v1/AuditChainVerification.js';

export interface VerifyAuditResponse {
  'chains'?: (_relata_v1_AuditChainVerification)[];
  'ok'?: (boolean);
}

export interface VerifyAuditResponse__Output {
  'chains': (_relata_v1_AuditChainVerification__Output)[];
  'ok': (boolean);
}
