import { CommandRunner } from 'nest-commander';
import { reportUsageError } from './usage-error';

/** A command group (`template`, `session`, …): alone it shows its help; a stray word is a usage error. */
export abstract class CommandGroup extends CommandRunner {
  async run(params: string[]): Promise<void> {
    if (params.length === 0) this.command.help();
    reportUsageError(`unknown command '${params[0]}' for '${this.command.name()}' (see: vm-system ${this.command.name()} --help)`);
  }
}
