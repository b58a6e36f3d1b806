// Original file: proto/openfga/v1/authzmodel.proto

import type { Wildcard as _openfga_v1_Wildcard, Wildcard__Output as _openfga_v1_Wildcard__Output } from '../../openfga/v1/Wildcard.js';

export interface RelationReference {
  'type'?: (string);
  'relation'?: (string);
  'wildcard'?: (_openfga_v1_Wildcard | null);
  'condition'?: (string);
  'relation_or_wildcard'?: "relation"|"wildcard";
}

export interface RelationReference__Output {
  'type': (string);
  'relation'?: (string);
  'wildcard'?: (_openfga_v1_Wildcard__Output | null);
  'condition': (string);
  'relation_or_wildcard'?: "relation"|"wildcard";
}
