#!/usr/bin/env bash
# The release build, as the README's install makes it: the board starts in tmux and `q` ends it with status 0, and
# the headless demo prints what the debug build prints. A fault only a release build has passes every test of the
# debug build: a global's layout once made the board quit at once with a random status (see noGlobalHoldsACStruct).
# Run by .ci/run after `swift test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product courtside >/dev/null
release=$PWD/.build/release/courtside
fail() { echo "check_release: $*" >&2; exit 1; }
[ "$("$release" demo --headless --speed max | sha256sum)" = "$(.build/debug/courtside demo --headless --speed max | sha256sum)" ] \
    || fail "the release build's headless demo differs from the debug build's"
socket=courtside-release-$$
status=$(mktemp)
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -f "$status"' EXIT
tmux -L "$socket" new-session -d -x 100 -y 30 "TERM=tmux-256color '$release' demo --speed 1; echo \$? > '$status'; sleep 30"
for _ in $(seq 100); do
    tmux -L "$socket" capture-pane -p | grep -q "Ding Junhui" && break
    [ -s "$status" ] && fail "the board ended before it was drawn, status $(cat "$status")"
    sleep 0.1
done
tmux -L "$socket" capture-pane -p | grep -q "Ding Junhui" || fail "the board was not drawn: $(tmux -L "$socket" capture-pane -p)"
tmux -L "$socket" send-keys q
for _ in $(seq 100); do [ -s "$status" ] && break; sleep 0.1; done
[ "$(cat "$status")" = "0" ] || fail "q ended the board with status '$(cat "$status")'"
echo "check_release: the release build draws the board, quits with 0, and prints the debug build's lines"
