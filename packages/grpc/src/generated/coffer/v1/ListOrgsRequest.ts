// Original file: proto/coffer/v1/auth.proto


export interface ListOrgsRequest {
}

export interface ListOrgsRequest__Output {
}
