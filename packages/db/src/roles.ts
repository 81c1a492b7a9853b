/**
 * The role every service query runs as. It owns nothing and has no BYPASSRLS, so the
 * row-level security policies apply to it even when the connecting user is a superuser.
 */
export const APP_ROLE = 'coffer_app';
