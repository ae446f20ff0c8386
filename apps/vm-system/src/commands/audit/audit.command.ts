import { Command } from 'nest-commander';
import { CommandGroup } from '../../cli/command-group';
import { AuditEventsCommand } from './audit-events.command';
import { AuditExportCommand } from './audit-export.command';
import { AuditImportCommand } from './audit-import.command';
import { AuditReplayCommand } from './audit-replay.command';
import { AuditSessionCommand } from './audit-session.command';
import { AuditStateCommand } from './audit-state.command';
import { AuditStreamCommand } from './audit-stream.command';
import { AuditTailCommand } from './audit-tail.command';
import { AuditVerifyCommand } from './audit-verify.command';

export const AuditSubCommands = [
  AuditEventsCommand,
  AuditStreamCommand,
  AuditStateCommand,
  AuditSessionCommand,
  AuditReplayCommand,
  AuditExportCommand,
  AuditImportCommand,
  AuditVerifyCommand,
  AuditTailCommand,
];

@Command({ name: 'audit', description: 'Read, replay, export and verify the ledger', subCommands: AuditSubCommands })
export class AuditCommand extends CommandGroup {}
