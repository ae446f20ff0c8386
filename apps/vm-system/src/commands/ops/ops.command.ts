import { Command } from 'nest-commander';
import { CommandGroup } from '../../cli/command-group';
import { OpsHealthCommand } from './ops-health.command';
import { OpsRuntimeSummaryCommand } from './ops-runtime-summary.command';
import { OpsProjectionsCommand } from './ops-projections.command';
import { OpsRebuildProjectionsCommand } from './ops-rebuild-projections.command';
import { OpsNodesCommand } from './ops-nodes.command';

export const OpsSubCommands = [OpsHealthCommand, OpsRuntimeSummaryCommand, OpsProjectionsCommand, OpsRebuildProjectionsCommand, OpsNodesCommand];

@Command({ name: 'ops', description: 'Operate the running daemon', subCommands: OpsSubCommands })
export class OpsCommand extends CommandGroup {}
