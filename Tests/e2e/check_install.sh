#!/usr/bin/env bash
# The README's install command into a throwaway prefix, reusing the debug build that `swift test` made, then
# what a user would check: the version, the demo from another folder (the installed themes and matches),
# completions for bash, zsh and fish, and the man pages. Run by .ci/run after `swift test` (SwiftPM's build
# lock keeps it out of `swift test` itself).
set -euo pipefail
cd "$(dirname "$0")/../.."
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
PREFIX="$prefix" CONFIGURATION=debug scripts/install 2>/dev/null
fail() { echo "check_install: $*" >&2; exit 1; }
"$prefix/bin/courtside" --version | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$' || fail "--version"
expected=$(.build/debug/courtside demo --headless --speed max | sha256sum)
got=$(cd /tmp && "$prefix/bin/courtside" demo --headless --speed max | sha256sum)
[ "$got" = "$expected" ] || fail "the installed demo differs when run from elsewhere"
# Run by name, found on PATH, as a user runs it: argv[0] is then a bare name.
got=$(cd /tmp && PATH="$prefix/bin:/usr/bin:/bin" courtside demo --headless --speed max | sha256sum)
[ "$got" = "$expected" ] || fail "the installed demo, run by name from PATH, differs (resources not found?)"
(cd /tmp && PATH="$prefix/bin:/usr/bin:/bin" courtside demo --theme light --headless --speed max >/dev/null) || fail "the installed themes, run by name"
for f in share/bash-completion/completions/courtside share/zsh/site-functions/_courtside \
         share/fish/vendor_completions.d/courtside.fish share/man/man1/courtside.1 share/man/man1/courtside.watch.1; do
    grep -q watch "$prefix/$f" || fail "$f missing or empty"
done
[ ! -e "$prefix/share/man/man1/courtside-bench.1" ] || fail "a maintainers' tool was installed"
echo "check_install: installed, runs from anywhere, completions and man pages in place"
