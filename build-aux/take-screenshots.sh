#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The window's screenshots for the README and the metainfo (data/screenshots/main.png,
# main-dark.png, main-fr.png): a library of four articles, the newsroom's sample open with its
# details, on an Xvfb of its own. Look at them before committing them.
#
#   build-aux/dev exec build-aux/take-screenshots.sh [DIR]
set -euo pipefail

if [ "${1:-}" = --inside ]; then
  out=$2
  shoot ()
  {
    local name=$1
    shift
    env "$@" feuillet &
    local app=$!
    local window=
    for _ in $(seq 100); do
      window=$(xdotool search --onlyvisible --name Feuillet 2>/dev/null | head -n1) && [ -n "$window" ] && break
      sleep 0.1
    done
    sleep 2
    # The sample is the last one changed: first in the list.
    xdotool mousemove 140 115 click 1
    sleep 1.5
    xdotool key F9
    sleep 1.5
    import -window "$window" "$out/$name.png"
    kill "$app"
    wait "$app" || true
  }
  shoot main
  shoot main-dark ADW_DEBUG_COLOR_SCHEME=prefer-dark
  shoot main-fr LANGUAGE=fr LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8
  exit 0
fi

top=$(cd "$(dirname "$0")/.." && pwd)
out=$(cd "${1:-$top/data/screenshots}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_RUNTIME_DIR=$tmp FEUILLET_LIBRARY=$tmp/library.db GTK_A11Y=none NO_AT_BRIDGE=1
export GSETTINGS_BACKEND=keyfile
mkdir -p "$tmp/.config/glib-2.0/settings"
printf '[io/github/feuillet/Feuillet]\nfirst-run=false\n' > "$tmp/.config/glib-2.0/settings/keyfile"

feuillet-cli new --title "Gérardmer : la station ouvre samedi" --status ready --lang fr \
  --body-file - <<< "Les pistes de la Mauselaine ouvriront samedi, si la neige tient." > /dev/null
feuillet-cli new --title "Conseil municipal de Remiremont : le budget voté" --status draft --lang fr \
  --body-file - <<< "Le budget a été voté à l’unanimité." > /dev/null
feuillet-cli new --title "Saint-Nicolas : le défilé d’Épinal en images" --status published --lang fr \
  --body-file - <<< "Des milliers de spectateurs ont suivi le défilé." > /dev/null
id=$(feuillet-cli import "$top/tests/data/samples/kazakhstan-vosges.md" | grep -o '[0-9]\+' | head -n1)
feuillet-cli edit "$id" --status ready --target 3000 > /dev/null

xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session "$0" --inside "$out" 2> /dev/null
ls -l "$out"/main*.png
