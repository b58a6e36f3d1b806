// Original file: proto/openfga/v1/authzmodel.proto


export interface Wildcard {
}

export interface Wildcard__Output {
}
