// Original file: proto/openfga/v1/openfga_service.proto


export interface WriteResponse {
}

export interface WriteResponse__Output {
}
