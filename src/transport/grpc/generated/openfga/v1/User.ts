// Original file: proto/openfga/v1/openfga.proto

import type { Object as _openfga_v1_Object, Object__Output as _openfga_v1_Object__Output } from '../../openfga/v1/Object.js';
import type { UsersetUser as _openfga_v1_UsersetUser, UsersetUser__Output as _openfga_v1_UsersetUser__Output } from '../../openfga/v1/UsersetUser.js';
import type { TypedWildcard as _openfga_v1_TypedWildcard, TypedWildcard__Output as _openfga_v1_TypedWildcard__Output } from '../../openfga/v1/TypedWildcard.js';

export interface User {
  'object'?: (_openfga_v1_Object | null);
  'userset'?: (_openfga_v1_UsersetUser | null);
  'wildcard'?: (_openfga_v1_TypedWildcard | null);
  'user'?: "object"|"userset"|"wildcard";
}

export interface User__Output {
  'object'?: (_openfga_v1_Object__Output | null);
  'userset'?: (_openfga_v1_UsersetUser__Output | null);
  'wildcard'?: (_openfga_v1_TypedWildcard__Output | null);
  'user'?: "object"|"userset"|"wildcard";
}
