// Original file: proto/openfga/v1/openfga_service.proto

import type { User as _openfga_v1_User, User__Output as _openfga_v1_User__Output } from '../../openfga/v1/User.js';

export interface ListUsersResponse {
  'users'?: (_openfga_v1_User)[];
}

export interface ListUsersResponse__Output {
  'users': (_openfga_v1_User__Output)[];
}
