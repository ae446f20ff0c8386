import type { Argument, Command, Option } from 'commander';

/** What a shell can offer for a value: a fixed list, file names, directory names, or nothing. */
export type ValueSpec = { kind: 'choices'; choices: string[] } | { kind: 'file' } | { kind: 'dir' } | { kind: 'word' };

export interface FlagSpec {
  names: string[];
  description: string;
  /** Set when the flag takes a value (`--name <name>`). */
  value?: ValueSpec;
}

export interface CommandSpec {
  /** Command names from the program down, without the program's own name (`['session', 'create']`). */
  path: string[];
  name: string;
  description: string;
  /** Its own flags, then those of its ancestors (the global flags), as commander accepts them. */
  flags: FlagSpec[];
  /** The flags it declares itself (its descendants accept them too). */
  ownFlags: FlagSpec[];
  /** Positional arguments in order. */
  args: ValueSpec[];
  subcommands: CommandSpec[];
}

/** The value's name in help (`<file>`, `<dir>`, `<path>`) says what kind of word it is. */
function valueOf(placeholder: string | undefined, choices: readonly string[] | undefined): ValueSpec {
  if (choices?.length) return { kind: 'choices', choices: [...choices] };
  if (placeholder === 'file' || placeholder === 'path') return { kind: 'file' };
  if (placeholder === 'dir') return { kind: 'dir' };
  return { kind: 'word' };
}

function flagSpec(option: Option): FlagSpec {
  const placeholder = /<([\w-]+)>/.exec(option.flags)?.[1];
  return {
    names: [option.short, option.long].filter((name): name is string => Boolean(name)),
    description: option.description,
    value: option.required ? valueOf(placeholder, option.argChoices) : undefined,
  };
}

/** A command's own flag shadows an inherited one of the same name. */
function withInherited(own: FlagSpec[], inherited: FlagSpec[]): FlagSpec[] {
  const taken = new Set(own.flatMap((f) => f.names));
  return [...own, ...inherited.filter((f) => !f.names.some((name) => taken.has(name)))];
}

const argSpec = (argument: Argument): ValueSpec => valueOf(argument.name(), argument.argChoices);

/**
 * The command tree as commander holds it, built by nest-commander from the command classes:
 * the same definitions the CLI parses with, so a completion script made from it cannot drift.
 * `helpTopics` are what `vm-system help` takes besides command names.
 */
export function commandSpec(command: Command, helpTopics: readonly string[] = [], path: string[] = [], inherited: FlagSpec[] = []): CommandSpec {
  const help = command.createHelp();
  const own = help.visibleOptions(command).map(flagSpec);
  const flags = withInherited(own, inherited);
  const globals = withInherited(command.options.filter((o) => !o.hidden).map(flagSpec), inherited);
  const visible = help.visibleCommands(command);
  const siblings = visible.map((c) => c.name()).filter((name) => name !== 'help');
  const subcommands = visible.map((sub) =>
    sub.name() === 'help' && sub.commands.length === 0
      ? {
          path: [...path, 'help'],
          name: 'help',
          description: sub.description(),
          flags: globals,
          ownFlags: [],
          args: [{ kind: 'choices' as const, choices: [...new Set([...siblings, ...helpTopics])] }],
          subcommands: [],
        }
      : commandSpec(sub, helpTopics, [...path, sub.name()], globals),
  );
  return { path, name: command.name(), description: command.description(), flags, ownFlags: own, args: command.registeredArguments.map(argSpec), subcommands };
}

/** Every command of the tree, the program first. */
export function allCommands(spec: CommandSpec): CommandSpec[] {
  return [spec, ...spec.subcommands.flatMap(allCommands)];
}
