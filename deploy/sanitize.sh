#!/usr/bin/env bash
# The sanitizer builds of Scrutin, each in its own folder:
#   build-asan: the whole suite with AddressSanitizer + UBSan (LeakSanitizer on,
#               suppressions for fontconfig and Mesa only: deploy/lsan.supp);
#   build-tsan: the server and its tests with ThreadSanitizer, then the server
#               tests (scrutin_server_tests starts the TSan server binary).
# Heavy on 2 shared cores (a full build twice): run at low priority, e.g.
#   nice -n 19 deploy/sanitize.sh            # both
#   deploy/sanitize.sh asan | tsan           # one
# Every sanitizer report, of a test or of a server it started, goes to
# build-<kind>/reports/; the last result is written to build-<kind>/last-result.txt
# and printed. Exit status 0 only when every test passed and no report was written.
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
kinds=("$@")
[[ ${#kinds[@]} -gt 0 ]] || kinds=(asan tsan)
if [[ "${kinds[0]}" == "--help" || "${kinds[0]}" == "-h" ]]; then sed -n '2,14p' "$0"; exit 0; fi
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
status=0

configure() {  # dir flags
  [[ -f "$1/build.ninja" ]] && return 0
  cmake -S "$here" -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" \
    -DCMAKE_CXX_FLAGS="$2" -DCMAKE_EXE_LINKER_FLAGS="${2%% -fno*}" -DCMAKE_SHARED_LINKER_FLAGS="${2%% -fno*}" >"$1.cmake.log" 2>&1
}

for kind in "${kinds[@]}"; do
  dir="$here/build-$kind"
  rm -rf "$dir/reports"
  mkdir -p "$dir/reports"
  start=$(date -u +%s)
  case "$kind" in
    asan)
      flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
      configure "$dir" "$flags" || { echo "sanitize: cmake failed (see $dir.cmake.log)"; status=1; continue; }
      if ! cmake --build "$dir" -j2 >"$dir.build.log" 2>&1; then echo "sanitize asan: build failed (see $dir.build.log)"; status=1; continue; fi
      # Mesa's driver stays mapped until LeakSanitizer has named it (deploy/keep-loaded.c);
      # the shim comes before the ASan runtime in the preload order, hence verify_asan_link_order=0.
      if ! cc -shared -fPIC -O2 -o "$dir/keep-loaded.so" "$here/deploy/keep-loaded.c"; then
        echo "sanitize asan: cannot build deploy/keep-loaded.c"; status=1; continue
      fi
      export ASAN_OPTIONS="detect_leaks=1:log_path=$dir/reports/asan:abort_on_error=0:verify_asan_link_order=0"
      export LSAN_OPTIONS="suppressions=$here/deploy/lsan.supp:print_suppressions=0"
      export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$dir/reports/ubsan"
      (cd "$dir" && LD_PRELOAD="$dir/keep-loaded.so" ctest -j2 --timeout 1500 --output-on-failure -E '^fuzz\.short$') \
        >"$dir/ctest.log" 2>&1
      ;;
    tsan)
      flags="-fsanitize=thread -fno-omit-frame-pointer"
      configure "$dir" "$flags" || { echo "sanitize: cmake failed (see $dir.cmake.log)"; status=1; continue; }
      if ! cmake --build "$dir" -j2 --target scrutin-server scrutin_server_tests >"$dir.build.log" 2>&1; then
        echo "sanitize tsan: build failed (see $dir.build.log)"; status=1; continue
      fi
      export TSAN_OPTIONS="log_path=$dir/reports/tsan:second_deadlock_stack=1"
      (cd "$dir" && ctest -j2 --timeout 1500 --output-on-failure -R '^(Server|Journal|Hub|LoginGuard|Secrecy|SideEffects|ServerIdle)') \
        >"$dir/ctest.log" 2>&1
      ;;
    *) echo "sanitize: unknown kind $kind (asan or tsan)"; status=1; continue ;;
  esac
  summary=$(grep -E '^[0-9]+% tests passed' "$dir/ctest.log" | tail -1)
  failed=$(grep -E '^\s+[0-9]+ - ' "$dir/ctest.log" | sed 's/^ *//' | head -20)
  reports=$(ls "$dir/reports" 2>/dev/null | wc -l)
  {
    echo "sanitize $kind: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$here" rev-parse --short HEAD), $(( $(date -u +%s) - start )) s"
    echo "  ${summary:-no test summary (see $dir/ctest.log)}; sanitizer reports: $reports"
    [[ -n "$failed" ]] && echo "$failed" | sed 's/^/  failed: /'
    for r in "$dir"/reports/*; do [[ -f "$r" ]] && grep -m1 -E 'ERROR|WARNING|runtime error' "$r" | sed "s|^|  $(basename "$r"): |"; done
  } | tee "$dir/last-result.txt"
  if [[ "$summary" != 100%* || "$reports" != 0 ]]; then status=1; fi
done
exit $status
