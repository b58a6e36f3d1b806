// Original file: proto/relata/v1/relata_service.proto


export interface ExplainedTuple {
  'object'?: (string);
  'relation'?: (string);
  'user'?: (string);
  'condition'?: (string);
  'contextual'?: (boolean);
  'wildcard'?: (boolean);
}

export interface ExplainedTuple__Output {
  'object': (string);
  'relation': (string);
  'user': (string);
  'condition': (string);
  'contextual': (boolean);
  'wildcard': (boolean);
}
