import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { CliError, EXIT } from './errors.js';

const debug = process.argv.includes('--debug') || process.env.COFFER_DEBUG === '1';

// A reader that stops early (`coffer pull | head`) closes the pipe: end quietly with the status a
// program killed by SIGPIPE has, rather than a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT.CLOSED_OUTPUT);
  process.stderr.write(`coffer: cannot write the output (${err.code ?? err.message})\n`);
  process.exit(EXIT.GENERIC);
});

// No top-level await: the single executable runs this bundled as CommonJS.
buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    process.exitCode = report(err);
  });

/** One line on stderr (a stack trace only with --debug) and the exit code for it. */
function report(err: unknown): number {
  if (err instanceof CommanderError) {
    // Commander already printed its message (or the help).
    return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  }
  if (err instanceof CliError) {
    process.stderr.write(`coffer: ${err.message}\n`);
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return err.code;
  }
  const error = err as NodeJS.ErrnoException;
  if (debug) process.stderr.write(`${error?.stack ?? String(err)}\n`);
  else process.stderr.write(`coffer: ${error?.message ?? String(err)} (run with --debug for details)\n`);
  return EXIT.GENERIC;
}
