import { deferInquirer } from './cli/defer-inquirer';
import { packageVersion } from './cli/package-version';
import { EXIT_FAILURE, UsageError, reportUsageError } from './cli/usage-error';

/**
 * Re-run by the launcher (bin/vm-system.js) to add --no-node-snapshot: if the launcher dies,
 * even by SIGKILL, this process must not live on as an orphan daemon.
 */
function dieWithLauncher(): void {
  if (!process.env.VM_SYSTEM_LAUNCHED || !process.channel) return;
  process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
  process.channel.unref();
}

const VERSION_FLAGS = ['--version', '-V'];

async function main(argv: string[]): Promise<void> {
  dieWithLauncher();
  // The one answer that needs no command tree comes before Nest and the commands load:
  // CLI start-up time is benchmarked. (commander answers --version too, on longer lines.)
  if (argv.length === 1 && VERSION_FLAGS.includes(argv[0])) return void process.stdout.write(`${packageVersion()}\n`);
  deferInquirer();
  const { runCli } = await import('./cli/run-cli');
  await runCli(argv);
}

main(process.argv.slice(2)).catch((error: Error) => {
  if (error instanceof UsageError) return reportUsageError(error.message, error.code);
  process.stderr.write(`Error: ${error.message}\n`);
  process.exitCode = EXIT_FAILURE;
});
