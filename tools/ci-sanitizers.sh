#!/usr/bin/env bash
# The CI's sanitizer step (docs/security.md, "Sanitizers in CI"), run by README's test command
# after the main test suite:
#  1. preset `asan` (clang, -O1): the unit-test programs (target ews_unit_tests, label `unit`:
#     not the browser, Python or packaging tests) with AddressSanitizer and
#     UndefinedBehaviorSanitizer, run; then each fuzz target's smoke on its corpus, from the same
#     build (EWS_FUZZ_SMOKE_SECONDS each);
#  2. preset `tsan` (g++, -O1): the test programs of the threaded parts under ThreadSanitizer.
# Any sanitizer report fails the step. Each part prints its wall and CPU time.
# EWS_CI_SANITIZERS (default "asan tsan") names the parts to run, for a CI whose time budget
# holds only one of them (docs/security.md, "Sanitizers in CI").
set -euo pipefail
cd "$(dirname "$0")/.."

# The threaded parts: kernel (input queue, wall clock), live (threaded links, the Modbus TCP
# servers and their connection table), the web server, the site database's writer and readers,
# the site host's reconfiguration, the Master/Slave server.
tsan_programs=(kernel_tests live_tests web_server_tests sitedb_history_tests sitedb_event_query_tests
               run_config_tests master_slave_tests)
smoke_seconds=${EWS_FUZZ_SMOKE_SECONDS:-20}
parts=" ${EWS_CI_SANITIZERS:-asan tsan} "

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tools/tsan.supp"

# step <name> <command...>: runs the command, then prints its wall and CPU seconds.
step() {
  local name=$1
  shift
  /usr/bin/time -f "ci-sanitizers: $name: wall %e s, CPU %U s user + %S s system, max RSS %M KiB" "$@"
}

if [[ $parts == *" asan "* ]]; then
  cmake --preset asan -DEWS_FUZZ_SMOKE_SECONDS="$smoke_seconds" >/dev/null
  step "asan build" cmake --build build-asan -j2 --target ews_unit_tests fuzz_all
  step "asan unit tests" ctest --test-dir build-asan -j2 -L unit --output-on-failure
  step "fuzz smokes (${smoke_seconds} s each)" ctest --test-dir build-asan -j2 -L fuzz --output-on-failure
fi

if [[ $parts == *" tsan "* ]]; then
  cmake --preset tsan >/dev/null
  step "tsan build" cmake --build build-tsan -j2 --target "${tsan_programs[@]}"
  for program in "${tsan_programs[@]}"; do
    binary=$(find build-tsan/tests -type f -name "$program" -perm -u+x | head -1)
    step "tsan $program" sh -c 'cd "$(dirname "$1")" && "./$(basename "$1")" --gtest_brief=1' sh "$binary"
  done
fi
