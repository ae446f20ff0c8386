import { Command } from 'nest-commander';
import { CommandGroup } from '../../cli/command-group';
import { OpsHealthCommand } from './ops-health.command';
import { OpsRuntimeSummaryCommand } from './ops-runtime-summary.command';
import { OpsProjectionsCommand } from './ops-projections.command';
import { OpsRebuildProjectionsCommand } from './ops-rebuild-projections.command';

export const OpsSubCommands = [OpsHealthCommand, OpsRuntimeSummaryCommand, OpsProjectionsCommand, OpsRebuildProjectionsCommand];

@Command({ name: 'ops', description: 'Operate the running daemon', subCommands: OpsSubCommands })
export class OpsCommand extends CommandGroup {}
