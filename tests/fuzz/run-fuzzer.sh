#!/usr/bin/env bash
# run-fuzzer.sh FUZZER SEED_CORPUS WORK_DIR SECONDS [libFuzzer option...]
#
# Runs a libFuzzer target for SECONDS on a fresh copy of its seed corpus in
# WORK_DIR/corpus (the source tree is never written), keeping any crashing
# input in WORK_DIR/artifacts/. Exits non-zero on a crash, a leak, a
# sanitizer report or a timeout, with libFuzzer's report on stderr.
set -euo pipefail

fuzzer=$1 seeds=$2 work=$3 seconds=$4
shift 4

rm -rf "$work/corpus"
mkdir -p "$work/corpus" "$work/artifacts"
cp "$seeds"/* "$work/corpus/"

# GSlice would hide use-after-free of slices from ASan (GLib < 2.76).
export G_SLICE=always-malloc
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

exec "$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=30 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$@" "$work/corpus"
