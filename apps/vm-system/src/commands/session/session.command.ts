import { Command } from 'nest-commander';
import { CommandGroup } from '../../cli/command-group';
import { SessionCloseCommand } from './session-close.command';
import { SessionCreateCommand } from './session-create.command';
import { SessionForkCommand } from './session-fork.command';
import { SessionGetCommand } from './session-get.command';
import { SessionListCommand } from './session-list.command';
import { SessionResumeCommand } from './session-resume.command';
import { SessionSuspendCommand } from './session-suspend.command';

export const SessionSubCommands = [
  SessionCreateCommand,
  SessionListCommand,
  SessionGetCommand,
  SessionCloseCommand,
  SessionSuspendCommand,
  SessionResumeCommand,
  SessionForkCommand,
];

@Command({ name: 'session', description: 'Manage live sessions', subCommands: SessionSubCommands })
export class SessionCommand extends CommandGroup {}
