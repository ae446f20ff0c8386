import { DynamicModule, Module } from '@nestjs/common';
import { CliContext, GLOBAL_OPTIONS } from './cli/cli-context';
import { CliProgram } from './cli/cli-program';
import type { CommandClasses } from './cli/command-groups';
import { GlobalOptions } from './cli/global-options';

@Module({})
export class CliModule {
  /** `commands`: the command classes this command line needs (see command-groups.ts). */
  static forRoot(options: GlobalOptions, commands: CommandClasses): DynamicModule {
    return {
      module: CliModule,
      providers: [{ provide: GLOBAL_OPTIONS, useValue: options }, CliContext, CliProgram, ...commands],
    };
  }
}
