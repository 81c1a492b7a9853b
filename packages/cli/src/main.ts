import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { CliError, EXIT } from './errors.js';
import { errorLine, terminalSafe } from './output.js';

const debug = process.argv.includes('--debug') || process.env.COFFER_DEBUG === '1';

// A reader that stops early (`coffer pull | head`) closes the pipe: end quietly with the status a
// program killed by SIGPIPE has, rather than a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT.CLOSED_OUTPUT);
  process.stderr.write(`coffer: cannot write the output (${kindOf(err)})\n`);
  process.exit(EXIT.GENERIC);
});

// No top-level await: the single executable runs this bundled as CommonJS.
buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    process.exitCode = report(err);
  });

/**
 * One line on stderr (a stack trace only with --debug) and the exit code for it. The line is
 * always escaped (terminalSafe): it may carry a server's message, and a hostile server can send
 * any text, terminal escape sequences included, whether or not stderr is a terminal.
 */
function report(err: unknown): number {
  if (err instanceof CommanderError) {
    // Commander already printed its message (or the help).
    return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  }
  if (err instanceof CliError) {
    errorLine(err.message);
    if (debug && err.stack) process.stderr.write(`${terminalSafe(err.stack, true)}\n`);
    return err.code;
  }
  // Not one of ours: Node's own messages can quote what they were given (an argument, an
  // environment value, so a secret), hence only the error's code or name without --debug.
  const stack = err instanceof Error ? err.stack : undefined;
  if (debug) process.stderr.write(`${terminalSafe(stack ?? String(err), true)}\n`);
  else process.stderr.write(`coffer: unexpected error (${kindOf(err)}); run with --debug for details\n`);
  return EXIT.GENERIC;
}

/** `ERR_INVALID_ARG_VALUE`, `EACCES`, `TypeError`: what kind of error it was, never what it says. */
function kindOf(err: unknown): string {
  const { code, name } = (err ?? {}) as { code?: unknown; name?: unknown };
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code)) return code;
  if (typeof name === 'string' && /^[A-Za-z]{1,64}$/.test(name)) return name;
  return 'unknown';
}
