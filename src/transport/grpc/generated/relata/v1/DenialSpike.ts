// Original file: proto/relata/v1/relata_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';
import type { Long } from '@grpc/proto-loader';

export interface DenialSpike {
  'subject'?: (string);
  'window_start'?: (_google_protobuf_Timestamp | null);
  'denials'?: (number | string | Long);
  'baseline'?: (number | string);
}

export interface DenialSpike__Output {
  'subject': (string);
  'window_start': (_google_protobuf_Timestamp__Output | null);
  'denials': (string);
  'baseline': (number);
}
