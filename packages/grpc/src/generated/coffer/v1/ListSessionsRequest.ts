// Original file: proto/coffer/v1/auth.proto


export interface ListSessionsRequest {
}

export interface ListSessionsRequest__Output {
}
