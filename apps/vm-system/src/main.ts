import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module';
import { UsageError, extractGlobalOptions } from './cli/global-options';
import { helpTopic, helpTopics } from './cli/help-topics';

/**
 * Re-run by the launcher (bin/vm-system.js) to add --no-node-snapshot: if the launcher dies,
 * even by SIGKILL, this process must not live on as an orphan daemon.
 */
function dieWithLauncher(): void {
  if (!process.env.VM_SYSTEM_LAUNCHED || !process.channel) return;
  process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
  process.channel.unref();
}

const COMMAND_GROUPS = ['serve', 'template', 'session', 'exec', 'ops', 'libs', 'token'];

async function main(argv: string[]): Promise<void> {
  dieWithLauncher();
  const { options, rest } = extractGlobalOptions(argv);
  let args = rest;
  if (rest[0] === 'help' && rest[1]) {
    const text = helpTopic(rest[1]);
    if (text !== undefined) return void process.stdout.write(text);
    if (!COMMAND_GROUPS.includes(rest[1])) throw new UsageError(`unknown help topic: ${rest[1]} (topics: ${helpTopics().join(', ')}; or a command: ${COMMAND_GROUPS.join(', ')})`);
    // `vm-system help exec` is the command's own help, as commander gives it.
    args = [...rest.slice(1), '--help'];
  }
  process.argv = [process.argv[0], process.argv[1], ...args];
  await CommandFactory.run(CliModule.forRoot(options), {
    logger: ['error'],
    cliName: 'vm-system',
    // Usage mistakes (a missing flag or argument) read like every other CLI error.
    outputConfiguration: { writeErr: (text) => process.stderr.write(text.replace(/^error: /, 'Error: VALIDATION_ERROR: ')) },
    errorHandler: (error) => {
      // commander reports usage errors itself; its help and version exits are not failures
      const code = (error as { code?: string; exitCode?: number }).exitCode ?? 1;
      process.exit(code);
    },
  });
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`Error: ${error.message}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
