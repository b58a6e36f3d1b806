// Original file: proto/relata/v1/relata_service.proto

import type { ApiClient as _relata_v1_ApiClient, ApiClient__Output as _relata_v1_ApiClient__Output } from '../../relata/v1/ApiClient.js';

export interface IssuedApiClientResponse {
  'client'?: (_relata_v1_ApiClient | null);
  'key'?: (string);
}

export interface IssuedApiClientResponse__Output {
  'client': (_relata_v1_ApiClient__Output | null);
  'key': (string);
}
