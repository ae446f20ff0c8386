import { CommandSpec, allCommands } from './command-spec';
import { argValueArms, flagValueArms, pathKey, quote } from './shell-words';

/** `name:description`, as _describe reads it (a colon in the name would need a backslash). */
const described = (name: string, description: string) => quote(`${name.replace(/:/g, '\\:')}:${description.replace(/\s+/g, ' ').trim()}`);

/** One `case` arm per command path that has entries, each setting `reply`. */
function cases(commands: CommandSpec[], entries: (command: CommandSpec) => string[]): string {
  return commands
    .map((command) => [command, entries(command)] as const)
    .filter(([, list]) => list.length > 0)
    .map(([command, list]) => `    ${quote(pathKey(command.path))}) reply=(${list.join(' ')}) ;;`)
    .join('\n');
}

/** The zsh completion script for the command tree: `source <(vm-system completion zsh)`, or a file `_vm-system` in $fpath. */
export function zshCompletion(program: CommandSpec): string {
  const commands = allCommands(program);
  return `#compdef vm-system
# zsh completion for vm-system, made by \`vm-system completion zsh\` from the CLI's own
# command definitions. Load it with: source <(vm-system completion zsh) (after compinit),
# or save it as _vm-system in a directory of $fpath.

# The subcommands of a command path ('' is the program), as name:description in reply.
__vm_system_subcommands() {
  case $1 in
${cases(commands, (c) => c.subcommands.map((s) => described(s.name, s.description)))}
    *) return 1 ;;
  esac
}

# The flags a command path accepts, the global ones included, as name:description in reply.
__vm_system_flags() {
  case $1 in
${cases(commands, (c) => c.flags.flatMap((f) => f.names.map((name) => described(name, f.description))))}
    *) reply=() ;;
  esac
}

# What the value of flag $2 under command path $1 is (choices WORDS, file, dir or word), in
# REPLY; fails for a flag that takes no value.
__vm_system_flag_value() {
  case "$1|$2" in
${flagValueArms(commands, (value) => `REPLY=${quote(value)}`)}
    *) return 1 ;;
  esac
}

# What positional argument number $2 (from 0) of command path $1 is, in REPLY; fails when
# nothing is known.
__vm_system_arg_value() {
  case "$1|$2" in
${argValueArms(commands, (value) => `REPLY=${quote(value)}`)}
    *) return 1 ;;
  esac
}

__vm_system_complete_value() {
  case $1 in
    choices\\ *) local -a choices; choices=(\${=1#choices }); compadd -a choices ;;
    file) _files ;;
    dir) _files -/ ;;
  esac
}

_vm_system() {
  local cur=\${words[CURRENT]} prev=\${words[CURRENT-1]} cmdpath='' word REPLY
  local -a reply
  integer i=2 nargs=0
  # Walk the words before the cursor: a subcommand extends the path, a flag that takes a
  # value skips it, anything else is a positional argument.
  while (( i < CURRENT )); do
    word=\${words[i]}
    if [[ $word == -* ]]; then
      if [[ $word != *=* ]] && __vm_system_flag_value "$cmdpath" "$word"; then
        (( i++ ))
      fi
    elif __vm_system_subcommands "$cmdpath" && (( \${reply[(I)\${(b)word}:*]} )); then
      cmdpath=\${cmdpath:+$cmdpath }$word
      nargs=0
    else
      (( nargs++ ))
    fi
    (( i++ ))
  done
  if [[ $cur == -*=* ]] && __vm_system_flag_value "$cmdpath" "\${cur%%=*}"; then
    compset -P '*='
    __vm_system_complete_value "$REPLY"
  elif [[ $prev == -* ]] && __vm_system_flag_value "$cmdpath" "$prev"; then
    __vm_system_complete_value "$REPLY"
  elif [[ $cur == -* ]]; then
    __vm_system_flags "$cmdpath"
    _describe -t options 'vm-system flag' reply
  elif __vm_system_subcommands "$cmdpath"; then
    _describe -t commands 'vm-system command' reply
  elif __vm_system_arg_value "$cmdpath" $nargs; then
    __vm_system_complete_value "$REPLY"
  fi
}

if [[ \${funcstack[1]} == _vm-system ]]; then
  # Autoloaded from $fpath: this call is the completion itself.
  _vm_system "$@"
else
  compdef _vm_system vm-system
fi
`;
}
