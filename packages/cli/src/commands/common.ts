import { Option, type Command } from 'commander';

export interface CommonOptions {
  json?: boolean;
  debug?: boolean;
}

export interface ScopeOptions extends CommonOptions {
  org?: string;
  project?: string;
  env?: string;
}

/** `--json` and `--debug`, accepted by every command. */
export function withCommon(command: Command): Command {
  return command.option('--json', 'print machine-readable JSON on stdout').addOption(new Option('--debug', 'print stack traces on errors').hideHelp());
}

/** `--org/--project/--env`: override the saved context and `.coffer.json` for this call. */
export function withScope(command: Command): Command {
  return withCommon(command)
    .option('--org <slug>', 'organisation (overrides context and .coffer.json)')
    .option('--project <slug>', 'project (overrides context and .coffer.json)')
    .option('--env <slug>', 'environment (overrides context and .coffer.json)');
}

export function examples(command: Command, lines: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}\n`);
}

/** Everything on stdin as bytes, or undefined (having stopped reading) once it is longer than `maxBytes`. */
export async function readStdinBytes(maxBytes = Number.POSITIVE_INFINITY): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
    if (length > maxBytes) return undefined;
  }
  return Buffer.concat(chunks);
}

/** Everything on stdin, as text. */
export async function readStdin(): Promise<string> {
  return (await readStdinBytes())!.toString('utf8');
}
