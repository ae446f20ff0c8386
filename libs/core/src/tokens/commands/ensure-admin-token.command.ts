import { Command } from '@nestjs/cqrs';

/** At a start with auth on: the first admin token, so that somebody can get in. */
export class EnsureAdminTokenCommand extends Command<{ minted?: string }> {
  constructor(
    /** VM_SYSTEM_ADMIN_TOKEN: the operator's own secret for the admin token. */
    readonly chosenSecret?: string,
  ) {
    super();
  }
}
