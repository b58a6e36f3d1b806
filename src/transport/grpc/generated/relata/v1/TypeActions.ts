// Original file: proto/relata/v1/relata_service.proto


export interface TypeActions {
  'type'?: (string);
  'actions'?: (string)[];
}

export interface TypeActions__Output {
  'type': (string);
  'actions': (string)[];
}
