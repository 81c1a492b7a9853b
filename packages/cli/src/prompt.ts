import { CliError, EXIT } from './errors.js';

const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\u007f', '\b']);
const INTERRUPT = '\u0003';
const END_OF_INPUT = '\u0004';

/**
 * Asks for a secret on the terminal without echoing it (raw mode, so nothing is shown, not even
 * asterisks), with the question on stderr so stdout stays clean. Ctrl-C gives up with exit 130.
 */
export function promptSecret(question: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (!input.isTTY) throw new CliError('cannot ask for the token: stdin is not a terminal (use --token-stdin)', EXIT.USAGE);
  // Echo goes off before the question shows, so not even a fast typist's first keys are echoed.
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  output.write(question);
  return new Promise((resolve, reject) => {
    let answer = '';
    const finish = (error?: CliError) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (ENTER.has(char) || char === END_OF_INPUT) return finish();
        if (char === INTERRUPT) return finish(new CliError('interrupted', 130));
        if (BACKSPACE.has(char)) answer = answer.slice(0, -1);
        else answer += char;
      }
    };
    input.on('data', onData);
  });
}
