#!/usr/bin/env bash
# Builds the CSV reader and nominal roll fuzzer with clang (build/fuzz) and runs it on the seed corpus.
# Usage: fuzz/run_roll_fuzz.sh [seconds, default 600] [extra libFuzzer flags...]
# One process (no -jobs). New inputs go to build/fuzz/roll_corpus (not in the repository); crashes to
# build/fuzz/artifacts.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build/fuzz"
seconds="${1:-600}"
shift || true
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRC_FUZZ=ON \
  -DRC_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target roll_fuzz
mkdir -p "$build/roll_corpus" "$build/artifacts"
exec "$build/fuzz/roll_fuzz" -max_total_time="$seconds" \
  -dict="$root/fuzz/roll.dict" -artifact_prefix="$build/artifacts/" -print_final_stats=1 \
  -seed_inputs="$root/tests/data/sample-roll.csv" "$@" \
  "$build/roll_corpus" "$root/tests/data/roll_corpus"
