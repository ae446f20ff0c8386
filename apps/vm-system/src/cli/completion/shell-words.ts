import { CommandSpec, ValueSpec } from './command-spec';

/** A string as one single-quoted shell word (bash and zsh read it the same way). */
export const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** A command path as the scripts key it: `session create`, or '' for the program. */
export const pathKey = (path: string[]): string => path.join(' ');

/** A value spec as the scripts read it: `choices A B`, `file`, `dir` or `word`. */
export const valueWord = (value: ValueSpec): string => (value.kind === 'choices' ? `choices ${value.choices.join(' ')}` : value.kind);

/** The name every generated shell function starts with. */
export const PREFIX = '__vm_system';

/**
 * `case` patterns for `PATH|FLAG` keys matching a flag declared on this command path and so
 * accepted under it and every command below it (the program's flags: under every path).
 */
function flagKeyPatterns(command: CommandSpec, flag: string): string {
  if (command.path.length === 0) return `*${quote(`|${flag}`)}`;
  const key = pathKey(command.path);
  const own = quote(`${key}|${flag}`);
  return command.subcommands.length === 0 ? own : `${own} | ${quote(`${key} `)}*${quote(`|${flag}`)}`;
}

/** One `case` arm per flag that takes a value, deepest commands first so their own flags win. */
export function flagValueArms(commands: CommandSpec[], assign: (value: string) => string): string {
  return [...commands]
    .sort((a, b) => b.path.length - a.path.length)
    .flatMap((command) =>
      command.ownFlags.flatMap((flag) => (flag.value ? flag.names.map((name) => `    ${flagKeyPatterns(command, name)}) ${assign(valueWord(flag.value!))} ;;`) : [])),
    )
    .join('\n');
}

/** One `case` arm per positional argument whose value a shell can offer. */
export function argValueArms(commands: CommandSpec[], assign: (value: string) => string): string {
  return commands
    .flatMap((command) => command.args.flatMap((arg, index) => (arg.kind === 'word' ? [] : [`    ${quote(`${pathKey(command.path)}|${index}`)}) ${assign(valueWord(arg))} ;;`])))
    .join('\n');
}
