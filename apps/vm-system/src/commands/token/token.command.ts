import { Command } from 'nest-commander';
import { CommandGroup } from '../../cli/command-group';
import { TokenCreateCommand } from './token-create.command';
import { TokenListCommand } from './token-list.command';
import { TokenRevokeCommand } from './token-revoke.command';

export const TokenSubCommands = [TokenCreateCommand, TokenListCommand, TokenRevokeCommand];

@Command({ name: 'token', description: 'Manage API tokens (needs an admin token)', subCommands: TokenSubCommands })
export class TokenCommand extends CommandGroup {}
