// Original file: proto/relata/v1/relata_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

export interface ReadAuditRecordsRequest {
  'store_id'?: (string);
  'actor'?: (string);
  'object'?: (string);
  'subject'?: (string);
  'operation'?: (string);
  'kind'?: (string);
  'decision'?: (string);
  'from'?: (_google_protobuf_Timestamp | null);
  'to'?: (_google_protobuf_Timestamp | null);
  'page_size'?: (number);
  'continuation_token'?: (string);
}

export interface ReadAuditRecordsRequest__Output {
  'store_id': (string);
  'actor': (string);
  'object': (string);
  'subject': (string);
  'operation': (string);
  'kind': (string);
  'decision': (string);
  'from': (_google_protobuf_Timestamp__Output | null);
  'to': (_google_protobuf_Timestamp__Output | null);
  'page_size': (number);
  'continuation_token': (string);
}
