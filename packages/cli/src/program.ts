import { Command, Option } from 'commander';
import { registerApprovals } from './commands/approvals.js';
import { registerAuth } from './commands/auth.js';
import { registerBreakGlass } from './commands/break-glass.js';
import { registerContext } from './commands/context.js';
import { examples } from './commands/common.js';
import { registerFiles } from './commands/files.js';
import { registerGrants } from './commands/grants.js';
import { registerMembers } from './commands/members.js';
import { registerProjects } from './commands/projects.js';
import { registerRoles } from './commands/roles.js';
import { registerRun } from './commands/run.js';
import { registerSecrets } from './commands/secrets.js';
import { registerTokens } from './commands/tokens.js';
import { terminalSafe } from './output.js';

/** The whole command tree. Parsing errors throw (exitOverride) so main.ts picks the exit code. */
export function buildProgram(): Command {
  const program = new Command('coffer')
    .description('Coffer secrets from the command line: log in once, pick a context, then read, write and inject secrets.')
    .version('0.1.0', '-V, --version')
    // Also accepted before the command name (`coffer --debug run ...`); main.ts reads it from argv.
    .addOption(new Option('--debug', 'print stack traces on errors').hideHelp())
    .option('--json', 'print machine-readable JSON (also accepted after the command name)')
    .enablePositionalOptions()
    .showHelpAfterError('(add --help for usage and examples)')
    .exitOverride()
    // Commander's errors quote what was typed (`unknown option '...'`): escaped like every error line.
    // Set before the subcommands are made, which inherit it.
    .configureOutput({ outputError: (text, write) => write(terminalSafe(text, true)) })
    // `coffer --json secrets list` means the same as `coffer secrets list --json`.
    .hook('preAction', (root, action) => {
      if (root.opts().json && action.options.some((option) => option.attributeName() === 'json')) action.setOptionValue('json', true);
    });
  registerAuth(program);
  registerContext(program);
  registerSecrets(program);
  registerRun(program);
  registerFiles(program);
  registerTokens(program);
  registerMembers(program);
  registerRoles(program);
  registerGrants(program);
  registerBreakGlass(program);
  registerApprovals(program);
  registerProjects(program);
  examples(program, [
    'coffer login --api-url https://coffer.example.com --token-stdin < token.txt',
    'coffer context set --org acme --project api --env development',
    'coffer secrets set DATABASE_URL=postgres://localhost/app',
    'coffer secrets list',
    'coffer run -- npm start',
    'coffer push .env --dry-run',
    'coffer pull --out .env.local',
  ]);
  program.addHelpText(
    'after',
    '\nExit codes: 0 ok, 1 error, 2 usage, 3 server unreachable, 4 not logged in / token rejected,\n' +
      '  5 permission denied, 6 not found, 7 conflict, 8 invalid input, 9 unsafe or unreadable config;\n' +
      "  141 stdout closed early (| head); coffer run exits with the command's own code.\n" +
      'Environment: COFFER_API_URL, COFFER_TOKEN (win over the config file), XDG_CONFIG_HOME, NO_COLOR.\n',
  );
  // Every subcommand throws instead of exiting too.
  const override = (command: Command) => {
    for (const sub of command.commands) {
      sub.exitOverride();
      sub.showHelpAfterError('(add --help for usage and examples)');
      override(sub);
    }
  };
  override(program);
  return program;
}
