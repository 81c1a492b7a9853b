// Original file: proto/coffer/v1/auth.proto


export interface GetOrgSettingsRequest {
}

export interface GetOrgSettingsRequest__Output {
}
