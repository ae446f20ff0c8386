import { Command } from '@nestjs/cqrs';
import { Scope } from '@vm-system/domain';
import { CommandMeta } from '../../shared/command-meta';
import { IssuedToken } from '../issued-token';

export class IssueTokenCommand extends Command<IssuedToken> {
  constructor(
    readonly name: string,
    readonly scopes: Scope[],
    readonly meta: CommandMeta,
    readonly expiresAt?: string,
    readonly maxLiveSessions?: number,
    /** A secret chosen by the operator (VM_SYSTEM_ADMIN_TOKEN); otherwise one is minted. */
    readonly secret?: string,
  ) {
    super();
  }
}
