// Original file: proto/relata/v1/relata_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

export interface AuditRecord {
  'id'?: (string);
  'chain'?: (string);
  'seq'?: (string);
  'store_id'?: (string);
  'at'?: (_google_protobuf_Timestamp | null);
  'kind'?: (string);
  'operation'?: (string);
  'actor'?: (string);
  'result'?: (string);
  'record_json'?: (string);
  'prev_hash'?: (string);
  'hash'?: (string);
}

export interface AuditRecord__Output {
  'id': (string);
  'chain': (string);
  'seq': (string);
  'store_id': (string);
  'at': (_google_protobuf_Timestamp__Output | null);
  'kind': (string);
  'operation': (string);
  'actor': (string);
  'result': (string);
  'record_json': (string);
  'prev_hash': (string);
  'hash': (string);
}
