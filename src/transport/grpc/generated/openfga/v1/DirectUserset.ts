// Original file: proto/openfga/v1/authzmodel.proto


export interface DirectUserset {
}

export interface DirectUserset__Output {
}
