// Original file: proto/coffer/v1/auth.proto


export interface GetTwoFactorRequest {
}

export interface GetTwoFactorRequest__Output {
}
