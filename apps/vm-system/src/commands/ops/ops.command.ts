import { Command, CommandRunner } from 'nest-commander';
import { OpsHealthCommand } from './ops-health.command';
import { OpsRuntimeSummaryCommand } from './ops-runtime-summary.command';

export const OpsSubCommands = [OpsHealthCommand, OpsRuntimeSummaryCommand];

@Command({ name: 'ops', description: 'Operate the running daemon', subCommands: OpsSubCommands })
export class OpsCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
