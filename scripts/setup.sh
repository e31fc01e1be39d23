#!/usr/bin/env bash
# One-time set-up shared by the test and simulate commands: the npm tools (asl-validator,
# aws-local-stepfunctions) from their lock files, and a check that the stand-ins are on PATH.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for dir in "$root"/tools/*/; do
  if [ -f "$dir/package-lock.json" ] && [ ! -d "$dir/node_modules" ]; then
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
  fi
done
for tool in moto_server cfn-lint node dotnet; do
  command -v "$tool" >/dev/null || { echo "setup: '$tool' is not on PATH (see README, Requirements)" >&2; exit 1; }
done
