#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs the npm tools the tests use,
# builds the solution (warnings are errors), runs all test projects (each starts its own
# moto_server on a free loopback port) and ends with one line: "N passed, N failed, N skipped".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Every .NET process here lives seconds to a minute: tiered PGO's instrumentation costs more than
# it gains (the build's compiler server spent 143 CPU-s with it, 66 without).
export DOTNET_TieredPGO=0
# Tests never talk to real AWS: dummy credentials and a region keep the SDKs' default chains quiet.
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-testing}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-testing}"
export AWS_REGION="${AWS_REGION:-eu-west-1}" AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-eu-west-1}"

# The npm tools install beside the build, which needs none of them; the tests wait for both.
"$root/scripts/setup.sh" &
setup_pid=$!

# pyenv's shims run bash scripts before every python3, aws, moto_server and cfn-lint start (about
# 70 ms of CPU each, hundreds of starts): the interpreter's own bin directory goes first instead.
if [[ "$(command -v python3)" == */shims/* ]]; then
  PATH="$(python3 -c 'import os, sys; print(os.path.dirname(sys.executable))'):$PATH"
  export PATH
fi

results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

# One compiler server for the whole build, even where the environment turns it off: each
# project's own csc would load and JIT Roslyn again (111 s against 71 s here, both with PGO). Stopped after.
build_ok=0
dotnet build Wso2Serverless.sln -c Debug -nologo -v quiet -clp:ErrorsOnly -p:UseSharedCompilation=true || build_ok=$?
dotnet build-server shutdown >/dev/null 2>&1 || true
setup_ok=0
wait "$setup_pid" || setup_ok=$?
if [ "$build_ok" -ne 0 ] || [ "$setup_ok" -ne 0 ]; then
  echo "0 passed, 1 failed"  # the build or the set-up failed: no test could run
  exit 1
fi
# Two test modules at a time (one per core), the longest first: the machine stays busy to the
# end instead of running one long module alone (dotnet test --solution starts them in any order).
longest_first="Simulator Templates Security Cli"
modules=$( { printf '%s\n' $longest_first; ls tests/*/*.Tests.csproj | xargs -n1 basename | sed 's/\.Tests\.csproj$//'; } | awk '!seen[$0]++')
run_module() {
  local log="$results/$1.log" rc=0
  dotnet test --test-modules "tests/$1.Tests/bin/Debug/net10.0/Wso2Serverless.$1.Tests.dll" \
    --results-directory "$results" -- --report-xunit-trx --ignore-exit-code 8 >"$log" 2>&1 || rc=$?
  flock "$results" cat "$log"
  return $rc
}
export -f run_module
export results
status=0
printf '%s\n' $modules | xargs -P 2 -I{} bash -c 'run_module {}' || status=$?

projects=$(ls tests/*/*.Tests.csproj | wc -l)
python3 "$root/scripts/count-results.py" "$results" "$projects" "$status"
exit $status
