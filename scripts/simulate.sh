#!/usr/bin/env bash
# simulate: a whole deployment on this machine (see DESIGN.md, "Running it without AWS").
# Sets itself up on a fresh clone (the ASL runner's npm packages, the build), then runs the
# simulator with the arguments given; with none, the happy scenario.
#   scripts/simulate.sh --list
#   scripts/simulate.sh --scenario stack-rollback --json report.json
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ ! -d tools/asl-runner/node_modules/aws-local-stepfunctions ]; then
  echo "simulate: installing the ASL runner's packages (npm ci)" >&2
  npm ci --prefix tools/asl-runner --no-audit --no-fund --loglevel=error >&2
fi

command -v moto_server >/dev/null || { echo "simulate: moto_server is not on PATH (pip install 'moto[server]')" >&2; exit 2; }

echo "simulate: building" >&2
# One compiler server without tiered PGO builds in about half the CPU (scripts/test.sh); stopped after.
build_ok=0
DOTNET_TieredPGO=0 dotnet build src/Simulator/Simulator.csproj -nologo -v quiet -clp:ErrorsOnly -p:UseSharedCompilation=true >&2 || build_ok=$?
DOTNET_TieredPGO=0 dotnet build-server shutdown >/dev/null 2>&1 || true
[ "$build_ok" -eq 0 ] || exit "$build_ok"

export WSO2_REPO_ROOT="$root"
if [ "$#" -eq 0 ]; then
  set -- --scenario happy
fi
exec dotnet src/Simulator/bin/Debug/net10.0/simulate.dll "$@"
