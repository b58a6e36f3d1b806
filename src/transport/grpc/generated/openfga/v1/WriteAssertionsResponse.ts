// Original file: proto/openfga/v1/openfga_service.proto


export interface WriteAssertionsResponse {
}

export interface WriteAssertionsResponse__Output {
}
