// Original file: proto/coffer/v1/auth.proto


export interface BeginTwoFactorRequest {
}

export interface BeginTwoFactorRequest__Output {
}
