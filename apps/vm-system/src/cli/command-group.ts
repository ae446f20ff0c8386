import { CommandRunner } from 'nest-commander';

/** A command group (`template`, `session`, …): alone it shows its help; a stray word is an error. */
export abstract class CommandGroup extends CommandRunner {
  async run(params: string[]): Promise<void> {
    if (params.length === 0) this.command.help();
    process.stderr.write(`Error: VALIDATION_ERROR: unknown command '${params[0]}' for '${this.command.name()}' (see: vm-system ${this.command.name()} --help)\n`);
    process.exitCode = 1;
  }
}
