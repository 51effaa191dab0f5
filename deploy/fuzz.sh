#!/usr/bin/env bash
# libFuzzer on the five targets of tests/fuzz (frame decoder, a delegate's
# messages and a clerk's commands through decide, the roster import, journal
# replay), built with Debian's clang-16 (clang 14 cannot compile the project's
# std::expected with libstdc++ 12) under ASan and UBSan, in build-fuzz/.
#
#   deploy/fuzz.sh                 # long run: 600 s per target (FUZZ_SECONDS to change)
#   deploy/fuzz.sh --short         # the test suite's run: 15 s per target, if built
#   deploy/fuzz.sh --build-only    # build the targets (deploy/test.sh does, when clang-16 is here)
#   deploy/fuzz.sh --seconds 60 clerk replay   # some targets only
#
# Seeds come from tests/fuzz/corpus/<target> (in the tree); what the fuzzer
# finds grows build-fuzz/corpus/<target>, and a crash leaves its input in
# build-fuzz/crashes/ and makes the script fail. Needs clang-16 and
# libclang-rt-16-dev (deploy/setup.sh --fuzz installs them); without them it
# says so and exits 77 (the test suite's "skipped").
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${FUZZ_SECONDS:-600}"
targets=()
short=0
build_only=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --short) seconds=15; short=1 ;;
    --build-only) build_only=1 ;;
    --seconds) seconds="$2"; shift ;;
    --help|-h) sed -n '2,18p' "$0"; exit 0 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
[[ ${#targets[@]} -gt 0 ]] || targets=(frame delegate clerk roster replay)

if ! command -v clang++-16 >/dev/null || ! ls /usr/lib/llvm-16/lib/clang/16/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "fuzz: clang-16 and libclang-rt-16-dev are not installed: fuzzing skipped (deploy/setup.sh --fuzz installs them)"
  exit 77
fi

build="${SCRUTIN_FUZZ_BUILD:-$here/build-fuzz}"
# The suite's short run does not build (a first build takes minutes on two
# shared cores): deploy/test.sh builds first; by hand, run --build-only once.
if [[ $short == 1 && ! -x "$build/fuzz/fuzz_frame" ]]; then
  echo "fuzz: the targets are not built in $build: run deploy/fuzz.sh --build-only (deploy/test.sh does): skipped"
  exit 77
fi
# libstdc++ 12 offers std::expected only when __cpp_concepts >= 202002L; clang 16
# implements C++20 concepts but still says 201907L (clang 14 cannot compile it
# either way): it is told so.
flags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined -fsanitize=fuzzer-no-link"
flags="$flags -D__cpp_concepts=202002L -Wno-macro-redefined"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [[ ! -f "$build/build.ninja" ]] || ! grep -q -- "$flags" "$build/CMakeCache.txt"; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++-16 "${launcher[@]}" \
    -DSCRUTIN_BUILD_TESTS=OFF -DSCRUTIN_FUZZ=ON -DCMAKE_CXX_FLAGS="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >"$build.cmake.log" 2>&1 \
    || { cat "$build.cmake.log"; exit 1; }
fi
nice cmake --build "$build" -j2 --target $(printf 'fuzz_%s ' "${targets[@]}") >"$build.log" 2>&1 \
  || { tail -50 "$build.log"; exit 1; }
[[ $build_only == 1 ]] && { echo "fuzz: targets built in $build/fuzz"; exit 0; }

mkdir -p "$build/crashes"
status=0
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  mkdir -p "$corpus"
  # -rss_limit_mb: the targets are small; a leak or a blow-up shows fast.
  if UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 nice "$build/fuzz/fuzz_$t" "$corpus" "$here/tests/fuzz/corpus/$t" \
       -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=1024 -timeout=10 \
       -artifact_prefix="$build/crashes/$t-" -print_final_stats=1 >"$build/$t.log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/$t.log" | grep -o '[0-9]*$' || echo "?")
    cov=$(grep -o 'cov: [0-9]*' "$build/$t.log" | tail -1 | grep -o '[0-9]*' || echo "?")
    echo "fuzz $t: ${seconds}s, $runs inputs, coverage $cov, nothing found"
  else
    echo "fuzz $t: FOUND A PROBLEM (input in $build/crashes/$t-*):"
    grep -A25 -m1 'ERROR\|runtime error\|invariant broken' "$build/$t.log" || tail -40 "$build/$t.log"
    status=1
  fi
done
exit $status
