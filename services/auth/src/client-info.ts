/** Where a request came from, as the gateway saw it: kept on the sessions it opens and in the audit trail. */
export interface ClientInfo {
  ip: string;
  userAgent: string;
}
