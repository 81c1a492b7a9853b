export interface RevocationNoticeLogger {
  warn(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

export interface RevocationNoticeOptions {
  /** Tells the gateways (pub/sub): they evict what they cached for this token or session id. */
  publish(tokenId: string): Promise<void>;
  logger: RevocationNoticeLogger;
  /** At most one warning per interval while notices fail. */
  intervalMs?: number;
  now?: () => number;
}

/**
 * Announces a revocation that is already committed, and never fails: the caller's answer must say
 * the token is revoked, which it is. A notice that does not get through costs at most a second,
 * because a gateway without a live subscription trusts its cache no longer than that.
 */
export function createRevocationNotice({ publish, logger, intervalMs = 10_000, now = Date.now }: RevocationNoticeOptions): (tokenId: string) => Promise<void> {
  let lastWarnedAt = -Infinity;
  let unreported = 0;
  return async (tokenId) => {
    try {
      await publish(tokenId);
      logger.debug({ tokenId }, 'revocation published');
    } catch (err) {
      unreported++;
      if (now() - lastWarnedAt < intervalMs) return;
      logger.warn(
        { err, notices: unreported },
        'could not publish token revocations; gateways whose Redis subscription is down trust their caches for at most a second',
      );
      lastWarnedAt = now();
      unreported = 0;
    }
  };
}
