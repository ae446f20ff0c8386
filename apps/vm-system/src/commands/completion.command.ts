import type { Command } from 'commander';
import { Command as CliCommand, CommandRunner } from 'nest-commander';
import { CliProgram } from '../cli/cli-program';
import { bashCompletion } from '../cli/completion/bash-completion';
import { commandSpec } from '../cli/completion/command-spec';
import { zshCompletion } from '../cli/completion/zsh-completion';
import { helpTopics } from '../cli/help-topics';

const SCRIPTS = { bash: bashCompletion, zsh: zshCompletion };
type Shell = keyof typeof SCRIPTS;

@CliCommand({ name: 'completion', description: 'Print a shell completion script: source <(vm-system completion bash) (or zsh)' })
export class CompletionCommand extends CommandRunner {
  constructor(private readonly program: CliProgram) {
    super();
  }

  /** The shell argument carries its choices, so commander refuses another shell as a usage error and completion offers these. */
  override setCommand(command: Command): this {
    command.addArgument(command.createArgument('<shell>', 'bash or zsh').choices(Object.keys(SCRIPTS)));
    return super.setCommand(command);
  }

  async run([shell]: string[]): Promise<void> {
    process.stdout.write(SCRIPTS[shell as Shell](commandSpec(this.program.root, helpTopics())));
  }
}
