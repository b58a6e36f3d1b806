// Original file: proto/relata/v1/relata_service.proto


export interface DeleteApiClientResponse {
}

export interface DeleteApiClientResponse__Output {
}
