// Original file: proto/relata/v1/relata_service.proto

import type { ApiClient as _relata_v1_ApiClient, ApiClient__Output as _relata_v1_ApiClient__Output } from '../../relata/v1/ApiClient.js';

export interface ApiClientResponse {
  'client'?: (_relata_v1_ApiClient | null);
}

export interface ApiClientResponse__Output {
  'client': (_relata_v1_ApiClient__Output | null);
}
