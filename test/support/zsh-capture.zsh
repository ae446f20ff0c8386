# Usage: zsh -f zsh-capture.zsh SETUP LINE
# Runs an interactive zsh in a pseudo-terminal with compinit, evaluates SETUP (which loads a
# completion), types LINE and Tab, and prints every match zsh's completion system offered,
# one a line. compadd is wrapped only to record what it adds; the real builtin adds it.
zmodload zsh/zpty || exit 3
zpty shell zsh -f -i
local init=$(mktemp)
cat > $init <<INIT
PROMPT=
autoload -Uz compinit && compinit -u -D
${1}
bindkey '^I' complete-word
mark () { print -rn -- \$'\\n<<MARK>>\\n' }
compprefuncs=( mark )
comppostfuncs=( mark exit )
compadd () {
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd "\$@"; return; fi
  local -a hits
  builtin compadd -A hits "\$@"
  (( \$#hits )) && print -rl -- \$hits
  builtin compadd "\$@"
}
print ready
INIT
zpty -w shell "source ${(q)init}"
local line
# Each read waits for the shell's next line: the setup has run when it says ready.
repeat 100; do zpty -r shell line || exit 4; [[ $line == ready* ]] && break; done
zpty -w -n shell "$2"$'\t'
integer marks=0
while zpty -r shell line; do
  line=${${line%$'\n'}%$'\r'}
  if [[ $line == *'<<MARK>>'* ]]; then (( marks++ )) && break || continue; fi
  (( marks )) && [[ -n $line ]] && print -r -- $line
done
rm -f $init
