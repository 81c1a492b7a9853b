/** Names one version of an organisation's KEK; wrapped material is bound to it. */
export interface KekContext {
  orgId: string;
  keyId: string;
  version: number;
}

/** Wraps and unwraps KEK material; the unwrapped form never leaves the process. */
export interface KmsProvider {
  readonly name: string;
  wrapKey(material: Buffer, context: KekContext): Promise<string>;
  unwrapKey(wrapped: string, context: KekContext): Promise<Buffer>;
}
