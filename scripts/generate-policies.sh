#!/usr/bin/env bash
# Writes each function's Policies in serverless.template from its catalog entry
# (src/Functions/Hosting/FunctionCatalog*.cs, Permissions). The test that runs here fails
# whenever the committed template and the declarations differ.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
WSO2_WRITE_POLICIES=1 dotnet test --project tests/Templates.Tests \
  --filter-method "*.TheCommittedPolicies_AreWhatTheCatalogDeclares"
git --no-pager diff --stat -- serverless.template
