#!/usr/bin/env bash
# Builds the procedure fuzzer with clang (build/fuzz) and runs it on the seed corpus.
# Usage: fuzz/run_procedure_fuzz.sh [seconds, default 600] [extra libFuzzer flags...]
# One process (no -jobs). New inputs go to build/fuzz/corpus (not in the repository); crashes to
# build/fuzz/artifacts.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build/fuzz"
seconds="${1:-600}"
shift || true
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRC_FUZZ=ON \
  -DRC_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target procedure_fuzz
mkdir -p "$build/corpus" "$build/artifacts"
exec "$build/fuzz/procedure_fuzz" -max_total_time="$seconds" \
  -dict="$root/fuzz/procedure.dict" -artifact_prefix="$build/artifacts/" -print_final_stats=1 "$@" \
  "$build/corpus" "$root/tests/data/procedure_corpus" "$root/tests/data/procedure_errors" "$root/procedures"
