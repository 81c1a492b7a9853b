// Original file: proto/coffer/v1/auth.proto


export interface ListProjectsRequest {
}

export interface ListProjectsRequest__Output {
}
