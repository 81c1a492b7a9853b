// Original file: proto/coffer/v1/auth.proto


export interface GetJwksRequest {
}

export interface GetJwksRequest__Output {
}
