// Original file: proto/relata/v1/relata_service.proto

import type { ApiClient as _relata_v1_ApiClient, ApiClient__Output as _relata_v1_ApiClient__Output } from '../../relata/v1/ApiClient.js';

export interface ListApiClientsResponse {
  'clients'?: (_relata_v1_ApiClient)[];
  'continuation_token'?: (string);
}

export interface ListApiClientsResponse__Output {
  'clients': (_relata_v1_ApiClient__Output)[];
  'continuation_token': (string);
}
