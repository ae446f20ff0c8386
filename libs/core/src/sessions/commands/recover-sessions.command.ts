import { Command } from '@nestjs/cqrs';

/**
 * Live sessions whose host is gone: at daemon start, those a previous process left (so read
 * models never lie); on a shared ledger, also those of a daemon whose lease ran out.
 */
export class RecoverSessionsCommand extends Command<{ sessions: number }> {
  constructor(
    readonly sessionIds: readonly string[],
    /** Set when the host was lost with another daemon (its node id), not with this one's restart. */
    readonly lostNodeId?: string,
  ) {
    super();
  }
}
