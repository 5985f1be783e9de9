#!/usr/bin/env bash
# The bash completions, run as bash runs them (COMP_WORDS, COMP_CWORD, the function), over a
# database of the bundled corpus: commands, every option --help lists, option values, files, and
# the database's own speakers, outlets and conference ids. Then the zsh and fish scripts' syntax,
# with those shells when installed. Usage: completion_test.sh SOURCE_DIR SCIO_INDEX SCIO_SEARCH
set -uo pipefail
. "$(dirname "$0")/help_lib.sh"
src=$1 index=$2 search=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$index" --quiet --db "$tmp/db" "$src/corpus" || { echo "FAIL: scio-index over corpus/"; exit 1; }
. "$src/completions/bash/scio-search"
. "$src/completions/bash/scio-index"

failed=0
# complete FUNCTION WORD... : COMPREPLY for the last word, one a line.
complete_words() {
  local function=$1
  shift
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  "$function" 2>/dev/null
  printf '%s\n' "${COMPREPLY[@]}"
}
# expect FUNCTION WANTED WORD... : WANTED is among the completions.
expect() {
  local function=$1 wanted=$2
  shift 2
  local offered
  offered=$(complete_words "$function" "$@")
  if ! grep -qxF -- "$wanted" <<<"$offered"; then
    echo "FAIL: completing [$*] does not offer \"$wanted\"; offers: $(head -20 <<<"$offered" | tr '\n' ' ')"
    failed=1
  fi
}
refuse() {
  local function=$1 unwanted=$2
  shift 2
  local offered
  offered=$(complete_words "$function" "$@")
  if grep -qxF -- "$unwanted" <<<"$offered"; then
    echo "FAIL: completing [$*] offers \"$unwanted\""
    failed=1
  fi
}

# Every command and every option that --help lists is offered.
for c in $(help_commands "$search"); do expect _scio_search "$c" "$search" ""; done
for o in $(help_options "$search"); do expect _scio_search "$o" "$search" "-"; done
for c in $(help_commands "$search"); do
  for o in $(help_options "$search" "$c"); do expect _scio_search "$o" "$search" "$c" "-"; done
done
for c in $(help_commands "$index"); do expect _scio_index "$c" "$index" ""; done
for o in $(help_options "$index"); do expect _scio_index "$o" "$index" "-"; done
for c in $(help_commands "$index"); do
  for o in $(help_options "$index" "$c"); do expect _scio_index "$o" "$index" "$c" "-"; done
done

# Option values.
expect _scio_search json "$search" --format j
expect _scio_search never "$search" --color n
expect _scio_search reporter "$search" --kind r
expect _scio_search newest "$search" speakers --sort ne
expect _scio_search newest "$search" --sort = ne
expect _scio_index xml "$index" inspect --format x
expect _scio_search month "$search" timeline --by m
expect _scio_search speaker "$search" timeline --split sp
expect _scio_search 1L "$search" kwic --sort 1
expect _scio_search tsv "$search" kwic --format t
refuse _scio_search tsv "$search" --format t
refuse _scio_search relevance "$search" kwic --sort r
refuse _scio_search --sort "$search" exchanges --so
refuse _scio_search --exact "$search" exchanges --ex
# A word of the query is not followed by commands; a command is not offered after one.
refuse _scio_search speakers "$search" trade sp
refuse _scio_search --any "$search" show --a

# The database's own values, from the --db on the command line, any case, names with spaces whole.
expect _scio_search "zhao lijian" "$search" --db "$tmp/db" --speaker zhao
expect _scio_search "zhao lijian" "$search" --db "$tmp/db" --speaker '"Zhao L'
expect _scio_search "earnest" "$search" --db = "$tmp/db" --speaker ear  # as bash splits --db=DB
expect _scio_search "earnest" "$search" --db="$tmp/db" --speaker EAR
expect _scio_search "t1558711" "$search" --db "$tmp/db" --conference t15
expect _scio_search "t1558711" "$search" --db "$tmp/db" show t15
expect _scio_search "content_900" "$search" speakers --db "$tmp/db" --conference cont
outlet=$("$search" __complete --db "$tmp/db" outlets | head -1)
[ -n "$outlet" ] || { echo "FAIL: __complete outlets lists nothing"; failed=1; }
expect _scio_search "$outlet" "$search" --db "$tmp/db" --outlet "${outlet:0:2}"
expect _scio_search "$outlet" "$search" --db "$tmp/db" exchanges --asked-by "${outlet:0:2}"
expect _scio_search "zhao lijian" "$search" --db "$tmp/db" exchanges --answered-by zhao
# ... or from $SCIO_DB.
SCIO_DB=$tmp/db expect _scio_search "zhao lijian" "$search" --speaker zhao
# No database: nothing offered, nothing printed.
out=$(SCIO_DB=$tmp/none complete_words _scio_search "$search" --speaker zhao 2>&1)
[ -z "$out" ] || { echo "FAIL: without a database, completion printed: $out"; failed=1; }

# Files and folders for scio-index.
mkdir -p "$tmp/pages/saved"
touch "$tmp/pages/page one.htm"
expect _scio_index "$tmp/pages/page one.htm" "$index" "$tmp/pages/p"
expect _scio_index "$tmp/pages/saved" "$index" --prune "$tmp/pages/s"
expect _scio_index "$tmp/pages/saved" "$index" --db "$tmp/pages/s"
refuse _scio_index "$tmp/pages/page one.htm" "$index" --db "$tmp/pages/p"

# zsh and fish: their scripts parse (the shells are in scripts/setup; skipped without them).
if command -v zsh >/dev/null; then
  for f in "$src"/completions/zsh/_*; do zsh -n "$f" || { echo "FAIL: zsh -n $f"; failed=1; }; done
else
  echo "note: zsh not installed, its completion not checked"
fi
if command -v fish >/dev/null; then
  for f in "$src"/completions/fish/*.fish; do fish --no-execute "$f" || { echo "FAIL: fish -n $f"; failed=1; }; done
  # And fish's own completer (complete -C) offers what bash does.
  fish_offers() {
    PATH=$(dirname "$search"):$PATH fish --no-config -c "source $src/completions/fish/scio-search.fish; complete -C '$1'" |
      cut -f1
  }
  for pair in "scio-search --db $tmp/db --speaker zha|zhao lijian" "scio-search --format |json" "scio-search sp|speakers" \
    "scio-search show --co|--context" "scio-search --db $tmp/db show t15|t1558711" \
    "scio-search --db $tmp/db exchanges --answered-by zha|zhao lijian" "scio-search exchanges --un|--unanswered"; do
    grep -qxF -- "${pair#*|}" <<<"$(fish_offers "${pair%|*}")" ||
      { echo "FAIL: fish: completing [${pair%|*}] does not offer ${pair#*|}"; failed=1; }
  done
else
  echo "note: fish not installed, its completion not checked"
fi
[ $failed = 0 ] && echo "ok: completions"
exit $failed
