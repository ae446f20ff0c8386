import type { Type } from '@nestjs/common';

/** The classes of one top-level command: the command and its subcommands. */
export type CommandClasses = Type[];

/**
 * Every top-level command, in the order help lists them, and how to load its classes. A
 * command line loads only the group it names (`ops health` loads the ops commands): CLI start
 * is benchmarked, and each group brings its own imports (serve the daemon's options and logger,
 * libs the registry client). Help of the whole program, completion and anything that names no
 * group load them all.
 */
export const COMMAND_GROUPS: Readonly<Record<string, () => Promise<CommandClasses>>> = {
  serve: async () => [(await import('../commands/serve.command')).ServeCommand],
  template: async () => {
    const m = await import('../commands/template/template.command');
    return [m.TemplateCommand, ...m.TemplateSubCommands];
  },
  session: async () => {
    const m = await import('../commands/session/session.command');
    return [m.SessionCommand, ...m.SessionSubCommands];
  },
  exec: async () => {
    const m = await import('../commands/exec/exec.command');
    return [m.ExecCommand, ...m.ExecSubCommands];
  },
  audit: async () => {
    const m = await import('../commands/audit/audit.command');
    return [m.AuditCommand, ...m.AuditSubCommands];
  },
  ops: async () => {
    const m = await import('../commands/ops/ops.command');
    return [m.OpsCommand, ...m.OpsSubCommands];
  },
  libs: async () => {
    const m = await import('../commands/libs/libs.command');
    return [m.LibsCommand, ...m.LibsSubCommands];
  },
  token: async () => {
    const m = await import('../commands/token/token.command');
    return [m.TokenCommand, ...m.TokenSubCommands];
  },
  completion: async () => [(await import('../commands/completion.command')).CompletionCommand],
};

/** Groups a command tree of its own serves; `completion` prints the whole tree, so it is not one. */
const STANDALONE = Object.keys(COMMAND_GROUPS).filter((name) => name !== 'completion');

/**
 * The classes a command line needs: its group's alone when its first word names one, else
 * every group (the program's help, completion, an unknown word commander must answer with
 * the names it knows).
 */
export async function commandClassesFor(argv: readonly string[]): Promise<CommandClasses> {
  const names = STANDALONE.includes(argv[0]) ? [argv[0]] : Object.keys(COMMAND_GROUPS);
  const groups = await Promise.all(names.map((name) => COMMAND_GROUPS[name]()));
  return groups.flat();
}
