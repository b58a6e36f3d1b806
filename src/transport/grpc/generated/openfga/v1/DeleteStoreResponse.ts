// Original file: proto/openfga/v1/openfga_service.proto


export interface DeleteStoreResponse {
}

export interface DeleteStoreResponse__Output {
}
