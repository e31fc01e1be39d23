#!/usr/bin/env bash
# bench: the figures of BENCHMARKS.md, measured on this machine. Builds what it measures:
#   1. artefact  - scripts/publish-bootstrap.sh (AOT bootstrap, zip, glibc check): sizes, max GLIBC
#   2. cold start - the AOT bootstrap against a JIT publish of the same code, RUNS runs each, and
#                  the instructions each executes (callgrind, INSTRUCTION_RUNS runs; needs valgrind)
#   2b. warm path - WARM_INVOCATIONS warm invocations of every function, AWS stubbed on loopback, and
#                  the AWS calls of each task and awaited event counted there (round trips)
#   2c. round trips - RoundTripTests: the README's tables against the code at the port level
#   3. cost      - one happy simulate run: state transitions, invocations, dollars vs 30 s polling
#   4. simulate  - the happy run's wall time over HAPPY_RUNS runs (target 5 s), and the cost run
#                  replayed with its seed (the same report apart from the fields it lists)
#   5. scale     - simulate --environments ENVIRONMENTS: wall time (target 60 s), throughput, tree
#                  peak memory, every deployment succeeded, no wait timeout, no lock left, every
#                  record complete
#   6. reaction  - awaited event arrival -> next task start: REACTION_RUNS runs of
#                  REACTION_ENVIRONMENTS environments, and again over the 50-environment burst
#   7. cli       - wso2ctl start-up: --help and --version, median of CLI_RUNS runs, Native AOT
#                  (scripts/publish-cli.sh) against the framework-dependent build (bench_cli below)
#   8. tests     - only when SECTIONS names it: the wall time of scripts/test.sh
#   9. chaos     - only when SECTIONS names it: simulate --chaos --runs CHAOS_RUNS --seed CHAOS_SEED,
#                  the fault mix, outcomes, violations (exit 1 on any) and wall time; a SIGTERM to
#                  simulate stops it after the runs under way, with the summary of those done
# Usage: scripts/bench.sh   (env: RUNS=20 ENVIRONMENTS=50 SEED=1 HAPPY_RUNS=5 REACTION_RUNS=3
#                                 REACTION_ENVIRONMENTS=10 CLI_RUNS=30 INSTRUCTION_RUNS=3
#                                 WARM_INVOCATIONS=200 CHAOS_RUNS=1000 CHAOS_SEED=1 CHAOS_PARALLEL=nproc
#                                 SECTIONS="artefact cold-start warm round-trips cost simulate scale
#                                           reaction cli [tests] [chaos]")
# Everything lands in artifacts/bench/ (reports, logs, results.txt); exit 1 if a target or check fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

runs="${RUNS:-20}"
environments="${ENVIRONMENTS:-50}"
# simulate runs on a virtual clock: a seed fixes the whole run, and a loaded machine makes it
# slower, never different (no wait can time out because our code was slow).
seed="${SEED:-1}"
happy_runs="${HAPPY_RUNS:-5}"
reaction_runs="${REACTION_RUNS:-3}"
reaction_environments="${REACTION_ENVIRONMENTS:-10}"
sections="${SECTIONS:-artefact cold-start warm round-trips cost simulate scale reaction cli}"
want() { [[ " $sections " == *" $1 "* ]]; }
out="$root/artifacts/bench"
mkdir -p "$out"
results="$out/results.txt"
: >"$results"
status=0

say() { echo "$*" | tee -a "$results"; }
section() { say ""; say "== $*"; }
figures() { tee -a "$results"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# The shipped artefact (BENCHMARKS.md, "Artefact"): sizes and the glibc it needs.
bench_artefact() {
  local binary=artifacts/publish/bootstrap
  section "artefact"
  say "bootstrap:      $(stat -c %s "$binary") bytes ($(numfmt --to=iec --suffix=B "$(stat -c %s "$binary")"))"
  say "bootstrap.zip:  $(stat -c %s artifacts/bootstrap.zip) bytes ($(numfmt --to=iec --suffix=B "$(stat -c %s artifacts/bootstrap.zip)"))"
  say "max GLIBC:      $(objdump -T "$binary" | grep -oE 'GLIBC_[0-9]+(\.[0-9]+)+' | sort -uV | tail -n 1) (provided.al2023 has 2.34)"
  say "JIT publish:    $(du -sb artifacts/jit | cut -f1) bytes in $(find artifacts/jit -type f | wc -l) files, plus the shared .NET runtime"
}

# Cold start (BENCHMARKS.md, "Cold start"): AOT against JIT, wall and CPU time, memory, and the
# instructions to the first response, which do not depend on the load (callgrind, when installed).
bench_cold_start() {
  local instruction_runs="${INSTRUCTION_RUNS:-3}"
  command -v valgrind >/dev/null || { say "valgrind is not installed: no instruction counts"; instruction_runs=0; }
  section "cold start ($runs runs each, alternating, after one discarded warm-up each; $instruction_runs callgrind runs each)"
  say "load:    $(load) before"
  "$bench" cold-start --aot artifacts/publish/bootstrap --jit artifacts/jit/bootstrap --runs "$runs" --instructions "$instruction_runs" | figures || status=1
  say "load:    $(load) after"
}

# Warm path (BENCHMARKS.md, "Warm path"): every function, warm, against a loopback AWS stub.
bench_warm() {
  section "warm path (${WARM_INVOCATIONS:-200} invocations per function)"
  "$bench" warm --aot artifacts/publish/bootstrap --invocations "${WARM_INVOCATIONS:-200}" | figures || status=1
}

# Round trips per event and per task (issue #15 req 2): the warm section prints them as measured at
# the HTTP layer; RoundTripTests hold src/Aws/DynamoDb/README.md's tables to the code at the port level.
bench_round_trips() {
  section "round trips at the port level (RoundTripTests against src/Aws/DynamoDb/README.md)"
  if dotnet test --project tests/Functions.Tests/Functions.Tests.csproj -- --filter-class '*RoundTripTests' >"$out/round-trip-tests.txt" 2>&1; then
    say "RoundTripTests: passed (the README's tables are the code's; the warm section measured the same at HTTP)"
  else
    say "RoundTripTests: FAILED (see artifacts/bench/round-trip-tests.txt): the README's tables are not the code's"
    status=1
  fi
}

# wso2ctl's start-up (BENCHMARKS.md, "wso2ctl start-up"): its own step, apart from simulate's.
# hyperfine when installed, else a loop timing each run with date +%s%N; the median of CLI_RUNS.
bench_cli() {
  local cli_runs="${CLI_RUNS:-30}" aot="$root/artifacts/cli/wso2ctl" jit="$root/artifacts/cli-jit/wso2ctl"
  section "wso2ctl start-up ($cli_runs runs each, median)"
  scripts/publish-cli.sh | tee "$out/publish-cli.txt" | figures
  rm -rf "$root/artifacts/cli-jit"
  dotnet publish src/Cli/Cli.csproj -c Release -p:PublishAot=false -o "$root/artifacts/cli-jit" -nologo -v quiet -clp:ErrorsOnly >&2
  say "aot binary: $(stat -c %s "$aot" | awk '{printf "%.1f MB", $1/1048576}'); jit folder: $(du -sm "$root/artifacts/cli-jit" | cut -f1) MB"
  local kind args median
  for kind in aot jit; do
    for args in --help --version; do
      local exe="$aot"; [ "$kind" = jit ] && exe="$jit"
      if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 3 --runs "$cli_runs" --export-json "$out/cli-$kind$args.json" "$exe $args" >/dev/null
        median=$(python3 -c "import json,sys; print('%.1f' % (json.load(open(sys.argv[1]))['results'][0]['median']*1000))" "$out/cli-$kind$args.json")
      else
        "$exe" $args >/dev/null; "$exe" $args >/dev/null   # warm the page cache
        : >"$out/cli-$kind$args.ms"
        for _ in $(seq 1 "$cli_runs"); do
          local t0 t1; t0=$(date +%s%N); "$exe" $args >/dev/null; t1=$(date +%s%N)
          echo $(( (t1 - t0) / 1000 )) >>"$out/cli-$kind$args.ms"
        done
        median=$(sort -n "$out/cli-$kind$args.ms" | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m/1000}')
      fi
      say "$kind wso2ctl $args: median ${median} ms"
    done
  done
}

section "machine"
say "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
say "cpus:    $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'))"
say "memory:  $(free -m | awk '/^Mem:/ {print $2 " MB total, " $7 " MB available"}')"
say "dotnet:  $(dotnet --version)"
say "kernel:  $(uname -sr)"
say "node:    $(node --version)"
say "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) at start"

section "build"
dotnet build bench/Benchmarks/Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >&2
bench="$root/bench/Benchmarks/bin/Release/net10.0/bench"
if want artefact || want cold-start || want warm; then
scripts/publish-bootstrap.sh | tee "$out/publish-bootstrap.txt" >&2
# The JIT comparison: the same project, framework-dependent, no AOT (Lambda would need a .NET
# runtime layer for it). Its apphost takes the same environment as the AOT bootstrap.
rm -rf artifacts/jit
dotnet publish src/Functions/Functions.csproj -c Release -p:PublishAot=false -o artifacts/jit -nologo -v quiet -clp:ErrorsOnly >&2
fi
# The simulator and its Node runner (simulate.sh installs and builds on a fresh machine).
scripts/simulate.sh --list >/dev/null

if want artefact; then bench_artefact; fi
if want cold-start; then bench_cold_start; fi
if want warm; then bench_warm; fi
if want round-trips; then bench_round_trips; fi

export WSO2_REPO_ROOT="$root"
simulate=(dotnet src/Simulator/bin/Debug/net10.0/simulate.dll)

if want cost; then
section "orchestration cost (happy scenario, seed $seed)"
"${simulate[@]}" --scenario happy --quiet --seed "$seed" --json "$out/simulate-happy.json" >"$out/simulate-happy.log" 2>&1 \
  || { say "simulate happy did not succeed (see artifacts/bench/simulate-happy.log)"; status=1; }
"$bench" cost --report "$out/simulate-happy.json" | figures || status=1
fi

if want simulate; then
section "simulate on the virtual clock: a happy run's wall time ($happy_runs runs, after the build), and a replay"
say "load:    $(cut -d' ' -f1-3 /proc/loadavg) before the runs"
"$bench" simulate-time --runs "$happy_runs" --target-seconds 5 -- "${simulate[@]}" --scenario happy --quiet --seed "$seed" | figures || status=1
for i in 1 2; do
  "${simulate[@]}" --scenario happy --quiet --seed "$seed" --json "$out/simulate-replay-$i.json" >"$out/simulate-replay-$i.log" 2>&1 \
    || { say "simulate replay run $i did not succeed (see its log)"; status=1; }
done
"$bench" replay --report "$out/simulate-replay-1.json" --report "$out/simulate-replay-2.json" | figures || status=1
fi

if want scale; then
section "scale (simulate --environments $environments, seed $seed)"
say "load:    $(cut -d' ' -f1-3 /proc/loadavg) before the run"
"$bench" measure --log "$out/simulate-scale.log" -- \
    /usr/bin/time -v -o "$out/simulate-scale.time" \
    "${simulate[@]}" --environments "$environments" --quiet --seed "$seed" --json "$out/simulate-scale.json" \
  | tee "$out/measure-scale.txt" | figures || status=1
say "largest single process (/usr/bin/time -v): $(awk -F': ' '/Maximum resident set size/ {printf "%.0f MB", $2/1024}' "$out/simulate-scale.time")"
say "CPU of the tree (/usr/bin/time -v, children waited for): user $(awk -F': ' '/User time/ {print $2}' "$out/simulate-scale.time") s, system $(awk -F': ' '/System time/ {print $2}' "$out/simulate-scale.time") s"
wall=$(awk '/^measure wall/ {print $3}' "$out/measure-scale.txt")
"$bench" scale --report "$out/simulate-scale.json" --environments "$environments" --wall-seconds "$wall" --target-seconds 60 | figures || status=1
fi

if want reaction; then
section "reaction time ($reaction_runs runs of $reaction_environments environments, seeds 1-$reaction_runs)"
reports=()
for i in $(seq 1 "$reaction_runs"); do
  "${simulate[@]}" --environments "$reaction_environments" --quiet --seed "$i" --json "$out/simulate-reaction-$i.json" \
      >"$out/simulate-reaction-$i.log" 2>&1 || say "simulate reaction run $i: a deployment did not succeed (see its log)"
  reports+=(--report "$out/simulate-reaction-$i.json")
done
"$bench" reaction "${reports[@]}" --min-events 100 | figures || status=1
if [ -f "$out/simulate-scale.json" ]; then
  section "reaction time under the $environments-environment burst (scale report)"
  "$bench" reaction --report "$out/simulate-scale.json" --min-events 100 | figures || status=1
fi
fi

if want tests; then
section "tests (scripts/test.sh, the whole suite as CI runs it)"
say "load:    $(cut -d' ' -f1-3 /proc/loadavg) before the run"
start=$(date +%s)
scripts/test.sh >"$out/test.log" 2>&1 || status=1
say "tests wall: $(( $(date +%s) - start )) s; $(tail -n 1 "$out/test.log")"
fi

if want cli; then
bench_cli
fi

if want chaos; then
chaos_runs="${CHAOS_RUNS:-1000}"
chaos_seed="${CHAOS_SEED:-1}"
chaos_parallel="${CHAOS_PARALLEL:-$(nproc)}"
section "chaos (simulate --chaos --runs $chaos_runs --seed $chaos_seed --parallel $chaos_parallel)"
say "load:    $(cut -d' ' -f1-3 /proc/loadavg) before the runs"
say "command: simulate --chaos --runs $chaos_runs --seed $chaos_seed --parallel $chaos_parallel (every run's line: artifacts/bench/chaos.log)"
"${simulate[@]}" --chaos --runs "$chaos_runs" --seed "$chaos_seed" --parallel "$chaos_parallel" >"$out/chaos.log" 2>&1 \
  || { say "chaos: an invariant broke or the command failed (see artifacts/bench/chaos.log)"; status=1; }
sed -n '/^chaos: /,$p' "$out/chaos.log" | figures
say "load:    $(cut -d' ' -f1-3 /proc/loadavg) after the runs"
fi

section "end"
say "load:    $(cut -d' ' -f1-3 /proc/loadavg) at the end"
say "results: ${results#"$root"/}"
exit "$status"
