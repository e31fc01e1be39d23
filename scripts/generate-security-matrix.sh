#!/usr/bin/env bash
# Rewrites the evaluated matrix of docs/security.md (function × action × decision) from the
# recorded calls of the contract run and of every simulate scenario, as iam-simulate decides
# them. The test that runs here fails whenever the committed matrix differs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
WSO2_WRITE_SECURITY_DOC=1 dotnet test --project tests/Security.Tests \
  --filter-method "*.TheMatrix_IsWhatTheRecordingsGave"
git --no-pager diff --stat -- docs/security.md
