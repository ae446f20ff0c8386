import 'reflect-metadata';
import type { Command } from 'commander';
import { CommandFactory } from 'nest-commander';
import { CliModule } from '../cli.module';
import { CliProgram } from './cli-program';
import { COMMAND_GROUPS, commandClassesFor } from './command-groups';
import { extractGlobalOptions } from './global-options';
import { helpTopic, helpTopics } from './help-topics';
import { packageVersion } from './package-version';
import { setUpProgram } from './program-setup';
import { EXIT_USAGE, UsageError, exitStatusOf, reportUsageError } from './usage-error';

/** commander's `error: …` (and its `(Did you mean …?)` line) as the one line every CLI error is. */
function asErrorLine(text: string): string {
  if (!text.startsWith('error: ')) return text;
  return `Error: VALIDATION_ERROR: ${text.slice('error: '.length).trim().split('\n').join(' ')}\n`;
}

/** `help TOPIC` prints docs/TOPIC.md; `help COMMAND …` is that command's --help. */
function helpArgs(rest: string[]): string[] {
  if (rest[0] !== 'help' || !rest[1]) return rest;
  const commands = Object.keys(COMMAND_GROUPS);
  if (!commands.includes(rest[1])) throw new UsageError(`unknown help topic: ${rest[1]} (topics: ${helpTopics().join(', ')}; or a command: ${commands.join(', ')})`);
  return [...rest.slice(1), '--help'];
}

function forEachCommand(command: Command, visit: (command: Command) => void): void {
  visit(command);
  for (const sub of command.commands) forEachCommand(sub, visit);
}

/**
 * Runs one command line through nest-commander. A usage mistake found before a command runs is
 * reported here: the caller may hold another copy of UsageError (this module may be bundled).
 */
export async function runCli(argv: string[]): Promise<void> {
  try {
    await runCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    reportUsageError(error.message, error.code);
  }
}

async function runCommandLine(argv: string[]): Promise<void> {
  const { options, rest } = extractGlobalOptions(argv);
  // A documentation topic needs no command tree.
  const topic = rest[0] === 'help' && rest[1] ? helpTopic(rest[1]) : undefined;
  if (topic !== undefined) return void process.stdout.write(topic);
  const args = helpArgs(rest);
  const app = await CommandFactory.createWithoutRunning(CliModule.forRoot(options, await commandClassesFor(args)), {
    logger: ['error'],
    cliName: 'vm-system',
    helpConfiguration: { showGlobalOptions: true },
    outputConfiguration: { writeErr: (text) => process.stderr.write(asErrorLine(text)) },
    // An error a command did not report itself.
    serviceErrorHandler: (error) => {
      process.stderr.write(error instanceof UsageError ? `Error: ${error.code}: ${error.message}\n` : `Error: ${error.message}\n`);
      process.exitCode = exitStatusOf(error);
    },
  });
  try {
    const program = app.get(CliProgram).root;
    setUpProgram(program, packageVersion());
    // commander's own exits, on every command (nest-commander sets it on the program only):
    // help and --version are not failures; anything else commander refuses is a usage error.
    forEachCommand(program, (command) => command.exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE)));
    process.argv = [process.argv[0], process.argv[1], ...args];
    await CommandFactory.runApplication(app);
  } finally {
    await app.close();
  }
}
