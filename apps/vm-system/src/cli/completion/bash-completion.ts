import { CommandSpec, allCommands } from './command-spec';
import { argValueArms, flagValueArms, pathKey, quote } from './shell-words';

/** One `case` arm per command path, those with nothing to say left out. */
function cases(commands: CommandSpec[], body: (command: CommandSpec) => string | undefined): string {
  return commands
    .map((command) => [command, body(command)] as const)
    .filter(([, text]) => text !== undefined)
    .map(([command, text]) => `    ${quote(pathKey(command.path))}) ${text} ;;`)
    .join('\n');
}

/** The bash completion script for the command tree: `source <(vm-system completion bash)`. */
export function bashCompletion(program: CommandSpec): string {
  const commands = allCommands(program);
  const words = (list: string[]) => (list.length ? `echo ${quote(list.join(' '))}` : undefined);
  return `# bash completion for vm-system, made by \`vm-system completion bash\` from the CLI's own
# command definitions. Load it with: source <(vm-system completion bash)

# The subcommands of a command path ('' is the program).
__vm_system_subcommands() {
  case "$1" in
${cases(commands, (c) => words(c.subcommands.map((s) => s.name)))}
    *) return 1 ;;
  esac
}

# The flags a command path accepts, the global ones included.
__vm_system_flags() {
  case "$1" in
${cases(commands, (c) => words(c.flags.flatMap((f) => f.names)))}
  esac
}

# What the value of flag $2 under command path $1 is (choices WORDS, file, dir or word);
# fails for a flag that takes no value.
__vm_system_flag_value() {
  case "$1|$2" in
${flagValueArms(commands, (value) => `echo ${quote(value)}`)}
    *) return 1 ;;
  esac
}

# What positional argument number $2 (from 0) of command path $1 is; fails when nothing is known.
__vm_system_arg_value() {
  case "$1|$2" in
${argValueArms(commands, (value) => `echo ${quote(value)}`)}
    *) return 1 ;;
  esac
}

# Offers the values of a value spec ($1) that start with $2; file names may hold spaces.
__vm_system_complete_value() {
  case "$1" in
    choices\\ *) COMPREPLY=($(compgen -W "\${1#choices }" -- "$2")) ;;
    file | dir)
      local IFS=$'\\n'
      compopt -o filenames 2>/dev/null
      COMPREPLY=($(compgen "-\${1:0:1}" -- "$2")) ;;
  esac
}

_vm_system() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  local cmdpath='' word value i=1 nargs=0
  COMPREPLY=()
  # bash splits --flag=value at '=': the value's flag is then two words back.
  if [[ $cur == = ]]; then
    cur=''
  elif [[ $prev == = ]]; then
    prev=\${COMP_WORDS[COMP_CWORD-2]}
  fi
  # Walk the words before the cursor: a subcommand extends the path, a flag that takes a
  # value skips it, anything else is a positional argument.
  while (( i < COMP_CWORD )); do
    word=\${COMP_WORDS[i]}
    if [[ $word == -* ]]; then
      if __vm_system_flag_value "$cmdpath" "$word" >/dev/null; then
        (( i++ ))
        [[ \${COMP_WORDS[i]} == = ]] && (( i++ ))
      fi
    elif [[ " $(__vm_system_subcommands "$cmdpath") " == *" $word "* ]]; then
      cmdpath=\${cmdpath:+$cmdpath }$word
      nargs=0
    else
      (( nargs++ ))
    fi
    (( i++ ))
  done
  if [[ $prev == -* ]] && value=$(__vm_system_flag_value "$cmdpath" "$prev"); then
    __vm_system_complete_value "$value" "$cur"
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(__vm_system_flags "$cmdpath")" -- "$cur"))
  elif value=$(__vm_system_subcommands "$cmdpath"); then
    COMPREPLY=($(compgen -W "$value" -- "$cur"))
  elif value=$(__vm_system_arg_value "$cmdpath" "$nargs"); then
    __vm_system_complete_value "$value" "$cur"
  fi
}

complete -F _vm_system vm-system
`;
}
