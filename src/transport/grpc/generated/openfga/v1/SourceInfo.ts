// Original file: proto/openfga/v1/authzmodel.proto


export interface SourceInfo {
  'file'?: (string);
}

export interface SourceInfo__Output {
  'file': (string);
}
