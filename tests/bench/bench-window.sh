#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# First window visible and resident memory, Feuillet (on the 100,000-article library of
# bench-library) beside GNOME Text Editor 48 (--standalone), started the same way, on the
# same Xvfb display, alternately, RUNS times each. Measures and prints; asserts nothing.
#
#   build-aux/dev exec tests/bench/bench-window.sh [RUNS]
set -euo pipefail

if [ "${1:-}" = --inside ]; then runs=$2; else runs=${1:-10}; fi
builddir=${FEUILLET_BUILDDIR:?run through build-aux/dev exec}
library=${FEUILLET_BENCH_LIBRARY:-$HOME/.cache/feuillet/bench/library-100000.db}
measure=$builddir/tests/bench/window-map-time
[ -f "$library" ] || { echo "No $library: run bench-library first" >&2; exit 1; }

export GTK_A11Y=none NO_AT_BRIDGE=1

# On the display: the runs themselves.
if [ "${1:-}" = --inside ]; then
  for i in $(seq "$runs"); do
    echo "feuillet $("$measure" feuillet --library "$library")"
    echo "gnome-text-editor $("$measure" gnome-text-editor --standalone)"
  done
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Settings of this run's own: not a first start (no welcome article added to the library),
# no article reopened.
export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME=$tmp/config
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
printf '[io/github/feuillet/Feuillet]\nfirst-run=false\n%b' "${FEUILLET_BENCH_SETTINGS:-}" > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session "$0" --inside "$runs" > "$tmp/results" 2>/dev/null

median ()
{
  sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)], v[1], v[NR], NR }'
}

for program in feuillet gnome-text-editor; do
  read -r ms min max n < <(grep "^$program " "$tmp/results" | awk '{ print $2 }' | median)
  read -r kib _ _ _ < <(grep "^$program " "$tmp/results" | awk '{ print $4 }' | median)
  printf '%-18s first window: median %s ms (min %s, max %s); resident: median %s MiB (n=%s)\n' \
         "$program" "$ms" "$min" "$max" "$((kib / 1024))" "$n"
done
