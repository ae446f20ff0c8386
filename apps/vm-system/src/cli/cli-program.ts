import { Injectable } from '@nestjs/common';
import type { Command } from 'commander';
import { InjectCommander } from 'nest-commander';

/**
 * The commander program that nest-commander builds from the command classes: the one tree
 * that parsing, help and shell completion all read.
 */
@Injectable()
export class CliProgram {
  constructor(@InjectCommander() readonly root: Command) {}
}
