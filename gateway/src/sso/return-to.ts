/** Longest `returnTo` kept; a page of the platform needs far less. */
export const MAX_RETURN_TO = 512;

const PROBE_ORIGIN = 'http://coffer.invalid';

/**
 * Whether `returnTo` names a page of this site: a path starting with one `/`. Anything a browser
 * could take for another site is refused, not repaired: `//host`, `/\host` (browsers read `\` as
 * `/`), a scheme (`https:`, `javascript:`), and control characters or spaces (which browsers strip,
 * joining what was around them).
 */
export function isSameSitePath(returnTo: string): boolean {
  if (returnTo.length === 0 || returnTo.length > MAX_RETURN_TO) return false;
  if (!/^\/(?![/\\])[\x21-\x7e]*$/.test(returnTo) || returnTo.includes('\\')) return false;
  // The check a browser would make: resolved against this site, it stays on this site.
  const resolved = new URL(returnTo, PROBE_ORIGIN);
  return resolved.origin === PROBE_ORIGIN && resolved.pathname.startsWith('/') && !resolved.pathname.startsWith('//');
}
