/**
 * Exit codes of the `coffer` command. They are part of its interface (scripts branch on them)
 * and are listed in the README; never renumber one.
 */
export const EXIT = {
  OK: 0,
  /** Anything not listed below, including a 5xx answer from the server. */
  GENERIC: 1,
  /** Wrong use of the command: unknown option, missing argument, no context, bad `.coffer.json`. */
  USAGE: 2,
  /** The server could not be reached (connection refused, DNS, timeout) or answered 502/503/504. */
  UNREACHABLE: 3,
  /** No token, or the server rejected it (401). */
  UNAUTHENTICATED: 4,
  /** The token lacks a permission (403). */
  PERMISSION: 5,
  /** Unknown organisation, project, environment, key or version (404). */
  NOT_FOUND: 6,
  /** A conflict (409), e.g. a check-and-set version mismatch. */
  CONFLICT: 7,
  /** The server refused the input (400, 413): an invalid key, value, type or version. */
  INVALID: 8,
  /** The local configuration is unsafe or unreadable (key file mode broader than 0600, undecryptable token). */
  CONFIG: 9,
  /** Whoever read stdout closed it early (`coffer pull | head`): 128 + SIGPIPE, as a shell reports it. */
  CLOSED_OUTPUT: 141,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error meant for the user: one line on stderr, then `process.exitCode = code`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: number,
    /** The `data` of the server's error answer, when it sent one (e.g. the plan of a refused push). */
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function exitCodeForStatus(status: number): number {
  if (status === 400 || status === 413 || status === 422) return EXIT.INVALID;
  if (status === 401) return EXIT.UNAUTHENTICATED;
  if (status === 403) return EXIT.PERMISSION;
  if (status === 404) return EXIT.NOT_FOUND;
  if (status === 409) return EXIT.CONFLICT;
  if (status === 502 || status === 503 || status === 504) return EXIT.UNREACHABLE;
  return EXIT.GENERIC;
}
