import { ERROR_TABLE, isErrorCode, type ErrorCode } from '@coffer/contract/rules';

/**
 * Exit codes of the `coffer` command. They are part of its interface (scripts branch on them)
 * and are listed in the README; never renumber one.
 */
export const EXIT = {
  OK: 0,
  /** Anything not listed below, including the server's internal errors. */
  GENERIC: 1,
  /** Wrong use of the command: unknown option, missing argument, no context, bad `.coffer.json`. */
  USAGE: 2,
  /** The server could not be reached (connection refused, DNS, timeout), a backend is unavailable or a proxy answered 502/503/504. */
  UNREACHABLE: 3,
  /** No token, or the server rejected it (UNAUTHENTICATED). */
  UNAUTHENTICATED: 4,
  /** The token lacks a permission (PERMISSION_DENIED). */
  PERMISSION: 5,
  /** Unknown organisation, project, environment, key or version (NOT_FOUND). */
  NOT_FOUND: 6,
  /** A conflict (ALREADY_EXISTS, ABORTED), e.g. a check-and-set version mismatch. */
  CONFLICT: 7,
  /** The server refused the input (INVALID_ARGUMENT, PAYLOAD_TOO_LARGE, FAILED_PRECONDITION): an invalid key, value, type or version. */
  INVALID: 8,
  /**
   * The local configuration is unsafe or unreadable (key file mode broader than 0600, undecryptable
   * token, another user's `.coffer.json`, a config.json or `.coffer.json` giving one member twice).
   */
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
    /** The server (or a proxy before it) answered that it cannot serve now: a 5xx or a 429, whatever its code. */
    readonly cannotServe = code === EXIT.UNREACHABLE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * The exit code for each stable `code` of an error answer. Total (a code the contract adds fails to
 * compile here until it has an exit code), and scripts branch on it: never change one.
 */
export const EXIT_FOR_CODE: Readonly<Record<ErrorCode, number>> = {
  INVALID_ARGUMENT: EXIT.INVALID,
  PAYLOAD_TOO_LARGE: EXIT.INVALID,
  HEADERS_TOO_LARGE: EXIT.INVALID,
  FAILED_PRECONDITION: EXIT.INVALID,
  UNAUTHENTICATED: EXIT.UNAUTHENTICATED,
  PERMISSION_DENIED: EXIT.PERMISSION,
  NOT_FOUND: EXIT.NOT_FOUND,
  ALREADY_EXISTS: EXIT.CONFLICT,
  ABORTED: EXIT.CONFLICT,
  UNAVAILABLE: EXIT.UNREACHABLE,
  DEADLINE_EXCEEDED: EXIT.UNREACHABLE,
  REQUEST_TIMEOUT: EXIT.UNREACHABLE,
  RESOURCE_EXHAUSTED: EXIT.GENERIC,
  CANCELLED: EXIT.GENERIC,
  UNIMPLEMENTED: EXIT.GENERIC,
  DATA_LOSS: EXIT.GENERIC,
  INTERNAL: EXIT.GENERIC,
};

/** The first code the contract answers with this HTTP status, as ERROR_TABLE lists them. */
const CODE_BY_HTTP_STATUS: ReadonlyMap<number, ErrorCode> = new Map(
  (Object.entries(ERROR_TABLE) as [ErrorCode, { http: number }][]).reverse().map(([code, { http }]) => [http, code]),
);

/**
 * The code of a Coffer error answer: its `code` field, which wins over the HTTP status (a proxy may
 * rewrite that). A server older than `code`, or a code this CLI does not know yet, falls back to
 * the code the contract gives that status, and to INTERNAL (exit 1) when there is none.
 */
export function errorCodeOf(code: unknown, status: number): ErrorCode {
  if (typeof code === 'string' && isErrorCode(code)) return code;
  return CODE_BY_HTTP_STATUS.get(status) ?? 'INTERNAL';
}

/** An answer that is not Coffer's: a proxy's 502/503/504 means the server is not reachable behind it. */
export const isProxyFailure = (status: number) => status === 502 || status === 503 || status === 504;

/** Any server error or a 429: the server cannot serve this now, though it may be reachable (`coffer run` falls back on it). */
export const isServingFailure = (status: number) => status >= 500 || status === 429;
