// Original file: proto/coffer/v1/auth.proto


export interface ListMembersRequest {
}

export interface ListMembersRequest__Output {
}
