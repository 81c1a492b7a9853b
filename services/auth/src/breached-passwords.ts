import { createHash } from 'node:crypto';

/** True when the password was seen in a data breach. */
export type BreachedPasswordCheck = (password: string) => Promise<boolean>;

export interface HibpCheckOptions {
  /** The Pwned Passwords API base, e.g. `https://api.pwnedpasswords.com`. */
  url: string;
  /** How long one range request may take, body included, before the check gives up. */
  timeoutMs: number;
  /** Told why the service could not answer: a short cause such as `timeout` or `HTTP 503`, never the password nor its hash. */
  onUnavailable?(cause: string): void;
}

const PREFIX_LENGTH = 5;
// A range answer's line: the other 35 hex digits of a SHA-1 and how often it was seen.
const RANGE_LINE = /^([0-9A-F]{35}):(\d+)$/i;
const USER_AGENT = 'Coffer-password-policy';

class Unavailable extends Error {}

function parseRange(body: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of body.split(/\r?\n/)) {
    if (line === '') continue;
    const match = RANGE_LINE.exec(line);
    if (!match) throw new Unavailable('malformed response');
    counts.set(match[1]!.toUpperCase(), Number(match[2]));
  }
  if (counts.size === 0) throw new Unavailable('empty response');
  return counts;
}

function causeOf(error: unknown): string {
  if (error instanceof Unavailable) return error.message;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  return 'unreachable';
}

/**
 * Have I Been Pwned's range check by k-anonymity: only the first 5 hex digits of the password's
 * SHA-1 leave the process, and `Add-Padding` hides from an observer how many suffixes came back.
 * The check fails open (false, and `onUnavailable`) when the service is unreachable, slow or
 * answers anything but a range, so an outage of a third party never blocks signing up.
 */
export function createHibpCheck(options: HibpCheckOptions): BreachedPasswordCheck {
  const base = options.url.replace(/\/+$/, '');
  return async (password) => {
    const digest = createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();
    const prefix = digest.slice(0, PREFIX_LENGTH);
    try {
      const response = await fetch(`${base}/range/${prefix}`, {
        headers: { 'Add-Padding': 'true', 'User-Agent': USER_AGENT },
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new Unavailable(`HTTP ${response.status}`);
      }
      return (parseRange(await response.text()).get(digest.slice(PREFIX_LENGTH)) ?? 0) > 0;
    } catch (error) {
      options.onUnavailable?.(causeOf(error));
      return false;
    }
  };
}
