import { Command } from 'nest-commander';
import { CommandGroup } from '../../cli/command-group';
import { OpsHealthCommand } from './ops-health.command';
import { OpsRuntimeSummaryCommand } from './ops-runtime-summary.command';

export const OpsSubCommands = [OpsHealthCommand, OpsRuntimeSummaryCommand];

@Command({ name: 'ops', description: 'Operate the running daemon', subCommands: OpsSubCommands })
export class OpsCommand extends CommandGroup {}
