import { Option } from 'nest-commander';
import { ClientCommand } from '../../cli/client-command';

/** The flags that narrow a ledger read: shared by `audit events` and `audit tail`. */
export abstract class LedgerFilterCommand extends ClientCommand {
  @Option({ flags: '--after-position <n>', description: 'the position of the last event you have seen' })
  parseAfterPosition(value: string): string {
    return value;
  }

  @Option({ flags: '--stream <streamId>', description: 'only this stream (template-…, session-…, execution-…)' })
  parseStream(value: string): string {
    return value;
  }

  @Option({ flags: '--kind <kind>', description: 'only streams of this kind: template, session, execution or token' })
  parseKind(value: string): string {
    return value;
  }

  @Option({ flags: '--type <type>', description: 'only events of this type (e.g. SessionClosed, console)' })
  parseType(value: string): string {
    return value;
  }
}
