/** Organisation, project and environment slugs, the same at every edge. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const SLUG_RULE = 'must be 1-63 lowercase letters, digits or dashes, not starting or ending with a dash';

export function isSlug(value: string): boolean {
  return SLUG_PATTERN.test(value);
}
