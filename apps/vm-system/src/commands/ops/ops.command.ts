import { Command, CommandRunner } from 'nest-commander';
import { OpsHealthCommand } from './ops-health.command';

export const OpsSubCommands = [OpsHealthCommand];

@Command({ name: 'ops', description: 'Operate the running daemon', subCommands: OpsSubCommands })
export class OpsCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
