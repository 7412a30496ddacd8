#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Typing 10 keys a second at the end of a 10,000-word article with the preview beside the
# text, under Xvfb: for each keystroke, the time until the preview's page has it (DOM patched
# and laid out), measured by the window's own trace (FEUILLET_TRACE_PREVIEW): p50/p95/max in
# ms, and how many updates took more than 50 ms. Keystrokes typed while an update is on its
# way go together in the next one, timed from the first of them. Measures; asserts nothing.
#
#   build-aux/dev exec tests/bench/bench-preview.sh [SECONDS]
#
# FEUILLET_BENCH_WHERE=start types at the start of the body instead of its end: every block
# of the article then moves.
set -euo pipefail

# On the display, with the environment the outer run set up.
if [ "${1:-}" = --inside ]; then
  seconds=$2
  feuillet &
  app=$!
  sleep 3
  # The article is the only one: open it (the preview loads beside it), go to the body, type.
  xdotool mousemove 140 120 click 1
  sleep 3
  if [ "${FEUILLET_BENCH_WHERE:-end}" = start ]; then
    xdotool mousemove 500 400 click 1 key ctrl+Home
  else
    xdotool mousemove 500 400 click 1 key ctrl+End
  fi
  sleep "${FEUILLET_BENCH_SETTLE:-2}"
  keys=$((seconds * 10))
  text=$(python3 -c "import sys; print(('${FEUILLET_BENCH_TEXT:-la mairie de Remiremont} ' * 100)[:$keys])")
  xdotool type --delay 100 "$text"
  sleep 2
  xdotool key ctrl+q
  wait "$app"
  exit 0
fi

seconds=${1:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export FEUILLET_LIBRARY=$tmp/library.db GTK_A11Y=none NO_AT_BRIDGE=1
# Settings of this run's own: not a first start, the preview on, a window wide enough for the
# text and the preview side by side (the display is 1280 px wide).
export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
{
  printf '[io/github/feuillet/Feuillet]\nfirst-run=false\npreview-visible=true\n'
  printf 'window-width=1280\nwindow-height=780\nspell-check=%s\n' "${FEUILLET_BENCH_SPELL_CHECK:-true}"
} > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
export FEUILLET_TRACE_PREVIEW=$tmp/preview

python3 "$(dirname "$0")/ten-thousand-words.py" "$tmp/article.md"
feuillet-cli import "$tmp/article.md" > /dev/null
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session "$0" --inside "$seconds" 2>/dev/null
echo "typing $((seconds * 10)) keys at 10/s at the ${FEUILLET_BENCH_WHERE:-end} of a 10,000-word" \
  "article, keystroke to preview updated (ms):"
grep -v '^update ' "$tmp/preview"
