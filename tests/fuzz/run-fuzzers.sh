#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the libFuzzer harnesses with clang, AddressSanitizer and UndefinedBehaviorSanitizer,
# and runs each for SECONDS (default 600) on its corpus; new inputs go to a scratch corpus,
# crashes to tests/fuzz/findings/. Run inside the build environment:
#
#   build-aux/dev exec tests/fuzz/run-fuzzers.sh [SECONDS] [render|html-import]...
set -euo pipefail

seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(render html-import)

top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/_build/fuzz
if [ ! -e "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$top" -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args='-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined' >/dev/null
fi
ninja -C "$build" $(printf 'tests/fuzz/fuzz-%s ' "${targets[@]}") >/dev/null

mkdir -p "$top/tests/fuzz/findings"
for target in "${targets[@]}"; do
  scratch=$build/corpus-$target
  mkdir -p "$scratch"
  echo "fuzz-$target: ${seconds} s"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 G_SLICE=always-malloc \
    "$build/tests/fuzz/fuzz-$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
      -artifact_prefix="$top/tests/fuzz/findings/$target-" -print_final_stats=1 \
      "$scratch" "$top/tests/fuzz/corpus/$target" 2>&1 | grep -E '^(#[0-9]+ +DONE|stat::|==|SUMMARY|ERROR|Done)' || true
done
