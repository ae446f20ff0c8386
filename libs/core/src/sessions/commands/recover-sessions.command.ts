import { Command } from '@nestjs/cqrs';

/** At daemon start: close what a previous process left live, so read models never lie. */
export class RecoverSessionsCommand extends Command<{ sessions: number }> {}
