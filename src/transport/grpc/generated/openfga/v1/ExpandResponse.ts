// Original file: proto/openfga/v1/openfga_service.proto

import type { UsersetTree as _openfga_v1_UsersetTree, UsersetTree__Output as _openfga_v1_UsersetTree__Output } from '../../openfga/v1/UsersetTree.js';

export interface ExpandResponse {
  'tree'?: (_openfga_v1_UsersetTree | null);
}

export interface ExpandResponse__Output {
  'tree': (_openfga_v1_UsersetTree__Output | null);
}
