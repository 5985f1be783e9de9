#!/usr/bin/env bash
# The install and the Debian package, as a user and a colleague get them (nothing system-wide):
#  1. cmake --install --strip (as scripts/install runs it) into a temporary prefix: binaries, man pages, completions, README; the
#     installed binaries index and search the bundled corpus from another folder.
#  2. cpack -G DEB into a temporary folder: Depends from dpkg-shlibdeps, lintian without errors
#     (when installed), and the unpacked (dpkg-deb -x) binaries index and search the corpus.
# Usage: package_test.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() {
  echo "FAIL: $*"
  failed=1
}

# Index and search the corpus with the binaries in BINDIR, from a folder far from the source tree.
use_binaries() {
  local bindir=$1 where=$2 out
  mkdir -p "$tmp/elsewhere"
  (cd "$tmp/elsewhere" && "$bindir/scio-index" --quiet --db "$tmp/db-$where" "$src/corpus") ||
    fail "$where: scio-index over corpus/"
  out=$(cd "$tmp/elsewhere" && "$bindir/scio-search" --db "$tmp/db-$where" --color never --speaker "zhao lijian" -n 1) ||
    fail "$where: scio-search found nothing"
  grep -q "t1" <<<"$out" || fail "$where: scio-search printed no Foreign Ministry hit: $out"
  # Nothing of the build or source tree is compiled in.
  for b in scio-index scio-search; do
    ! strings "$bindir/$b" | grep -qF -e "$src/" -e "$build/" || fail "$where: $b names the source or build folder"
  done
}

# 1. cmake --install
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" --strip >/dev/null || fail "cmake --install"
for f in bin/scio-index bin/scio-search share/man/man1/scio-index.1.gz share/man/man1/scio-search.1.gz \
  share/bash-completion/completions/scio-search share/bash-completion/completions/scio-index \
  share/zsh/vendor-completions/_scio-search share/zsh/vendor-completions/_scio-index \
  share/fish/vendor_completions.d/scio-search.fish share/fish/vendor_completions.d/scio-index.fish \
  share/doc/scio/README.md share/doc/scio/copyright; do
  [ -e "$prefix/$f" ] || fail "cmake --install did not install $f"
done
MANPATH=$prefix/share/man man -w scio-search >/dev/null 2>&1 || fail "man does not find scio-search under $prefix"
use_binaries "$prefix/bin" install

# 2. cpack -G DEB
(cd "$tmp" && cpack -G DEB -B "$tmp/deb" --config "$build/CPackConfig.cmake" >"$tmp/cpack.log" 2>&1) ||
  { cat "$tmp/cpack.log"; fail "cpack -G DEB"; }
deb=$(ls "$tmp"/deb/*.deb 2>/dev/null | head -1)
if [ -z "$deb" ]; then
  fail "cpack made no .deb"
else
  depends=$(dpkg-deb -f "$deb" Depends)
  for lib in libxapian libicu libc6 libstdc++; do
    grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib (dpkg-shlibdeps): $depends"
  done
  dpkg-deb -x "$deb" "$tmp/unpacked" || fail "dpkg-deb -x"
  [ -e "$tmp/unpacked/usr/share/man/man1/scio-search.1.gz" ] || fail ".deb lacks the man page"
  [ -e "$tmp/unpacked/usr/share/bash-completion/completions/scio-search" ] || fail ".deb lacks the bash completion"
  use_binaries "$tmp/unpacked/usr/bin" deb
  if command -v lintian >/dev/null; then
    lintian --no-tag-display-limit "$deb" >"$tmp/lintian.log" 2>&1
    if grep -q '^E:' "$tmp/lintian.log"; then
      cat "$tmp/lintian.log"
      fail "lintian reports errors on $(basename "$deb")"
    fi
  else
    echo "note: lintian not installed, the .deb not checked by it"
  fi
  echo "$(basename "$deb"): Depends: $depends"
fi
[ $failed = 0 ] && echo "ok: cmake --install and the .deb"
exit $failed
