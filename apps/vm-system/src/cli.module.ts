import { DynamicModule, Module } from '@nestjs/common';
import { CliContext, GLOBAL_OPTIONS } from './cli/cli-context';
import { CliProgram } from './cli/cli-program';
import { GlobalOptions } from './cli/global-options';
import { OpsCommand, OpsSubCommands } from './commands/ops/ops.command';
import { CompletionCommand } from './commands/completion.command';
import { AuditCommand, AuditSubCommands } from './commands/audit/audit.command';
import { ExecCommand, ExecSubCommands } from './commands/exec/exec.command';
import { LibsCommand, LibsSubCommands } from './commands/libs/libs.command';
import { ServeCommand } from './commands/serve.command';
import { SessionCommand, SessionSubCommands } from './commands/session/session.command';
import { TemplateCommand, TemplateSubCommands } from './commands/template/template.command';
import { TokenCommand, TokenSubCommands } from './commands/token/token.command';

@Module({})
export class CliModule {
  static forRoot(options: GlobalOptions): DynamicModule {
    return {
      module: CliModule,
      providers: [
        { provide: GLOBAL_OPTIONS, useValue: options },
        CliContext,
        CliProgram,
        ServeCommand,
        TemplateCommand,
        ...TemplateSubCommands,
        SessionCommand,
        ...SessionSubCommands,
        ExecCommand,
        ...ExecSubCommands,
        AuditCommand,
        ...AuditSubCommands,
        OpsCommand,
        ...OpsSubCommands,
        LibsCommand,
        ...LibsSubCommands,
        TokenCommand,
        ...TokenSubCommands,
        CompletionCommand,
      ],
    };
  }
}
