import { Injectable } from '@nestjs/common';
import { CommandRunner } from 'nest-commander';
import { CliContext } from './cli-context';

export type Flags = Record<string, unknown>;

/** A command that talks to the daemon: parse, call the client, print; nothing more. */
@Injectable()
export abstract class ClientCommand extends CommandRunner {
  constructor(protected readonly cli: CliContext) {
    super();
  }

  async run(params: string[], flags: Flags = {}): Promise<void> {
    await this.cli.guard(() => this.execute(params, flags));
  }

  protected abstract execute(params: string[], flags: Flags): Promise<void>;
}
