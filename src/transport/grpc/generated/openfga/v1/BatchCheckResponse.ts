// Original file: proto/openfga/v1/openfga_service.proto

import type { BatchCheckSingleResult as _openfga_v1_BatchCheckSingleResult, BatchCheckSingleResult__Output as _openfga_v1_BatchCheckSingleResult__Output } from '../../openfga/v1/BatchCheckSingleResult.js';

export interface BatchCheckResponse {
  'result'?: ({[key: string]: _openfga_v1_BatchCheckSingleResult});
}

export interface BatchCheckResponse__Output {
  'result': ({[key: string]: _openfga_v1_BatchCheckSingleResult__Output});
}
