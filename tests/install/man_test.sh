#!/usr/bin/env bash
# The manual pages render without a warning from man, and name every option and command that the
# program's --help lists (the page and --help never drift). Usage: man_test.sh MANDIR PROGRAM...
set -euo pipefail
. "$(dirname "$0")/help_lib.sh"
mandir=$1
shift
failed=0
for program in "$@"; do
  name=$(basename "$program")
  page=$mandir/$name.1
  warnings=$(LC_ALL=C MANWIDTH=100 man --warnings -l "$page" 2>&1 >/dev/null)
  if [ -n "$warnings" ]; then
    echo "FAIL: man --warnings -l $page warns:"
    echo "$warnings"
    failed=1
  fi
  text=$(LC_ALL=C MANWIDTH=100 man -l "$page" 2>/dev/null | col -b)
  for command in "" $(help_commands "$program"); do
    for option in $(help_options "$program" $command); do
      if ! grep -qE -- "(^|[^-a-z])${option}([^-a-z]|$)" <<<"$text"; then
        echo "FAIL: $page does not name $option (listed by $name ${command:+$command }--help)"
        failed=1
      fi
    done
    if [ -n "$command" ] && ! grep -qE "(^|[^-a-z])${command}([^-a-z]|$)" <<<"$text"; then
      echo "FAIL: $page does not name the command $command"
      failed=1
    fi
  done
done
[ $failed = 0 ] && echo "ok: $* documented, no warnings"
exit $failed
