// Original file: proto/relata/v1/relata_service.proto

import type { Permission as _relata_v1_Permission, Permission__Output as _relata_v1_Permission__Output } from '../../relata/v1/Permission.js';
import type { PermissionFailure as _relata_v1_PermissionFailure, PermissionFailure__Output as _relata_v1_PermissionFailure__Output } from '../../relata/v1/PermissionFailure.js';

export interface ListPermissionsResponse {
  'permissions'?: (_relata_v1_Permission)[];
  'continuation_token'?: (string);
  'consistency_token'?: (string);
  'truncated'?: (boolean);
  'condition_failures'?: (_relata_v1_PermissionFailure)[];
}

export interface ListPermissionsResponse__Output {
  'permissions': (_relata_v1_Permission__Output)[];
  'continuation_token': (string);
  'consistency_token': (string);
  'truncated': (boolean);
  'condition_failures': (_relata_v1_PermissionFailure__Output)[];
}
