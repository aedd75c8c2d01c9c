#!/usr/bin/env bash
# Coverage-guided fuzzing of the core (issue 11, deliver 6): installs cargo-fuzz when missing,
# seeds fuzz/corpus/ from tests/vectors/, then runs each target for SECONDS (default 20) with
# AddressSanitizer on stable (RUSTC_BOOTSTRAP=1), a 2 s timeout per input and inputs up to
# 128 KiB (past the 64 KiB body prefix), and prints each target's executions and coverage
# from libFuzzer's final stats. Exits non-zero when a target
# finds a crash, a timeout or a broken invariant; the input is under fuzz/artifacts/<target>/.
#   bash scripts/fuzz.sh            # 20 s per target
#   bash scripts/fuzz.sh 3600       # an hour per target
#   FUZZ_TARGETS="typed_input" bash scripts/fuzz.sh 600
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
targets="${FUZZ_TARGETS:-classify_json typed_input rules_document escalation_report}"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz (about a minute or two)"
  cargo install cargo-fuzz --locked || exit 1
fi
bash fuzz/seed.sh || exit 1

export RUSTC_BOOTSTRAP=1
(cd fuzz && cargo fuzz build) || exit 1

mkdir -p fuzz/logs
failed=()
summary=()
for t in $targets; do
  log="fuzz/logs/$t.log"
  printf '\n--> fuzz %s for %ss\n' "$t" "$seconds"
  (cd fuzz && cargo fuzz run "$t" -- -max_total_time="$seconds" -timeout=2 -max_len=131072 \
    -print_final_stats=1 -close_fd_mask=1) >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<<"$last")
  line=$(printf '%-18s execs %-9s (%s/s)  cov %-6s ft %-6s corpus %s' \
    "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}")
  if [ "$rc" -ne 0 ]; then
    line="$line  FAILED (exit $rc; see $log and fuzz/artifacts/$t/)"
    failed+=("$t")
    grep -E 'panicked at|ERROR: libFuzzer|SUMMARY|Test unit written' "$log" | head -5
  fi
  echo "$line"
  summary+=("$line")
done

printf '\nfuzzing, %ss per target:\n' "$seconds"
printf '  %s\n' "${summary[@]}"
if [ "${#failed[@]}" -ne 0 ]; then
  echo "fuzzing found failures in: ${failed[*]}"
  exit 1
fi
