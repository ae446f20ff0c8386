import type { Command } from 'commander';
import { GLOBAL_FLAGS, envVarOf } from './global-options';

/**
 * What the command classes do not say about the program as a whole: its name (else commander
 * takes the script's file name, `main` when the launcher re-runs it), its version, the global
 * flags (main takes them out of argv first; declared here so every --help lists them and
 * completion offers them), and that a command given more arguments than it takes is a usage error.
 * Their variables are named in the description, not given to commander: it would read and check a
 * variable again, after main had found a flag that wins over it.
 */
export function setUpProgram(program: Command, version: string): void {
  program.name('vm-system');
  program.version(version, '-V, --version', 'print the version');
  program.addHelpCommand('help [command]', 'show the help of a command, or a documentation topic (vm-system help getting-started)');
  for (const spec of GLOBAL_FLAGS) {
    const option = program.createOption(`${spec.flag} <${spec.value}>`, `${spec.description} (env: ${envVarOf(spec.flag)})`);
    if (spec.choices) option.choices(spec.choices);
    if (spec.default !== undefined) option.default(spec.default);
    program.addOption(option);
  }
  refuseExcessArguments(program);
}

function refuseExcessArguments(command: Command): void {
  for (const sub of command.commands) {
    if (sub.commands.length === 0) sub.allowExcessArguments(false);
    else refuseExcessArguments(sub);
  }
}
