import { Command } from 'nest-commander';
import { CommandGroup } from '../../cli/command-group';
import { ExecCancelCommand } from './exec-cancel.command';
import { ExecEventsCommand } from './exec-events.command';
import { ExecGetCommand } from './exec-get.command';
import { ExecListCommand } from './exec-list.command';
import { ExecReplCommand } from './exec-repl.command';
import { ExecRunFileCommand } from './exec-run-file.command';
import { ExecSourceCommand } from './exec-source.command';

export const ExecSubCommands = [ExecReplCommand, ExecRunFileCommand, ExecListCommand, ExecGetCommand, ExecEventsCommand, ExecSourceCommand, ExecCancelCommand];

@Command({ name: 'exec', description: 'Run code in sessions and read what it did', subCommands: ExecSubCommands })
export class ExecCommand extends CommandGroup {}
