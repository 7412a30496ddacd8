#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Typing 10 keys a second at the end of a 10,000-word article, autosave on, under Xvfb:
# main-loop stalls measured by the window's own probe (FEUILLET_TRACE_STALLS), p50/p99/max
# lateness in ms and how many wake-ups were more than 16 ms late. Measures; asserts nothing.
#
#   build-aux/dev exec tests/bench/bench-typing.sh [SECONDS]
set -euo pipefail

# On the display, with the environment the outer run set up.
if [ "${1:-}" = --inside ]; then
  seconds=$2
  feuillet &
  app=$!
  sleep 3
  # The article is the only one: open it, go to the end of the body, type.
  xdotool mousemove 140 120 click 1
  sleep 1.5
  xdotool mousemove 600 400 click 1 key ctrl+End
  # Typing starts once the article is open and checked, as a journalist reads before writing.
  sleep "${FEUILLET_BENCH_SETTLE:-1}"
  keys=$((seconds * 10))
  kill -USR1 "$app"
  text=$(python3 -c "import sys; print(('${FEUILLET_BENCH_TEXT:-la mairie de Remiremont} ' * 100)[:$keys])")
  xdotool type --delay 100 "$text"
  sleep 1.5
  xdotool key ctrl+q
  wait "$app"
  exit 0
fi


seconds=${1:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export FEUILLET_LIBRARY=$tmp/library.db GTK_A11Y=none NO_AT_BRIDGE=1
# Settings of this run's own: not a first start (no welcome article), spell-check as asked.
export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME=$tmp/config
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
printf '[io/github/feuillet/Feuillet]\nfirst-run=false\nspell-check=%s\n' "${FEUILLET_BENCH_SPELL_CHECK:-true}" \
  > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
export FEUILLET_TRACE_STALLS=$tmp/stalls

python3 "$(dirname "$0")/ten-thousand-words.py" "$tmp/article.md"
feuillet-cli import "$tmp/article.md" > /dev/null
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session "$0" --inside "$seconds" 2>/dev/null
echo "typing $((seconds * 10)) keys at 10/s into a 10,000-word article:"
cat "$tmp/stalls"
echo "saved: $(feuillet-cli show 1 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["words"])') words (before: $(python3 -c "import sys; print(len(open(sys.argv[1]).read().split()) - 5)" "$tmp/article.md"))"
