// Original file: proto/coffer/v1/auth.proto


export interface ListServiceAccountsRequest {
}

export interface ListServiceAccountsRequest__Output {
}
