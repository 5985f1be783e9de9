# What a program's --help lists, for the tests that keep the manual pages and the completions in
# step with it: a new option or command in main.cpp fails them until the page and scripts have it.

# The options of PROGRAM [COMMAND]'s --help, one a line (-n and --limit separately).
help_options() {
  "$@" --help | sed -n -E 's/^ +((-[A-Za-z0-9],)?--?[A-Za-z][-A-Za-z0-9]*)( .*)?$/\1/p' | tr ',' '\n'
}

# The commands PROGRAM's --help lists, one a line.
help_commands() {
  "$1" --help | sed -n '/^Subcommands:/,/^$/p' | sed -n -E 's/^  ([a-z][-a-z]*)( .*)?$/\1/p'
}
