#!/usr/bin/env bash
# Publishes wso2ctl as one Native AOT executable (artifacts/cli/wso2ctl) and checks it:
#   - the publish has zero warnings (System.CommandLine, Spectre.Console and AWSSDK.Core under
#     the trimmer and ILC: a warning is a behaviour change waiting to happen);
#   - the binary runs: --version, --help with the exit codes, a usage error (exit 2), an
#     unreachable API (exit 5), and a real GET /deployments/{id} answered by a loopback file
#     server, rendered as text (JSON read by the source-generated context, Spectre's table)
#     and as --output json.
# Usage: scripts/publish-cli.sh   (env: CONFIGURATION=Release, RID=linux-x64)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
configuration="${CONFIGURATION:-Release}"
rid="${RID:-linux-x64}"
out="$root/artifacts/cli"
log="$root/artifacts/publish-cli.log"
binary="$out/wso2ctl"

fail() { echo "publish-cli: FAILED: $*" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"
started=$SECONDS
if ! dotnet publish src/Cli/Cli.csproj -c "$configuration" -r "$rid" \
      -p:PublishAot=true -p:TreatWarningsAsErrors=true -warnaserror \
      -o "$out" -nologo -clp:NoSummary >"$log" 2>&1; then
  grep -E ': (error|warning) ' "$log" | sort -u >&2 || tail -n 40 "$log" >&2
  fail "dotnet publish failed (full log: ${log#"$root"/})"
fi
warnings=$(grep -E ': warning [A-Z]+[0-9]+' "$log" | sort -u | wc -l || true)
if [ "$warnings" -ne 0 ]; then
  grep -E ': warning [A-Z]+[0-9]+' "$log" | sort -u >&2
  fail "$warnings publish warning(s); the AOT publish must be clean"
fi
[ -f "$binary" ] || fail "no wso2ctl in ${out#"$root"/}"
head -c 4 "$binary" | od -An -c | grep -q 'E   L   F' || fail "wso2ctl is not an ELF executable (was PublishAot honoured?)"
rm -f "$out"/*.pdb

# Smoke runs of the AOT binary, each with the exit code --help promises.
expect() { # expect CODE PATTERN -- ARGS...
  local code=$1 pattern=$2; shift 3
  local got=0 output
  output=$("$binary" "$@" 2>&1) || got=$?
  [ "$got" -eq "$code" ] || fail "wso2ctl $* exited $got, expected $code: $output"
  grep -qE -- "$pattern" <<<"$output" || fail "wso2ctl $* did not say /$pattern/: $output"
}
export AWS_ACCESS_KEY_ID=publish-check AWS_SECRET_ACCESS_KEY=publish-check AWS_EC2_METADATA_DISABLED=true
expect 0 '^[0-9]+\.[0-9]+\.[0-9]+' -- --version
expect 0 'Exit codes:' -- --help
expect 2 "Required argument 'id' missing" -- status
expect 5 'Could not reach the API' -- status x1 --api-url http://127.0.0.1:9/

served=$(mktemp -d)
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$served"' EXIT
mkdir -p "$served/deployments"
cat >"$served/deployments/20261128-090000-3f9a1c2b" <<'JSON'
{"deployment":{"deploymentId":"20261128-090000-3f9a1c2b","environment":"dev","stackName":"wso2-dev","status":"Failed","startedAt":"2026-11-28T09:00:00+00:00","endedAt":"2026-11-28T09:20:00+00:00","trigger":"api","rebuild":false,"failedPhase":"RunPuppetAgents:apim","reason":"puppet agent exited 1 on i-0abc","outputs":{}},
 "phases":[{"deploymentId":"20261128-090000-3f9a1c2b","phase":"AwaitPuppetMaster","status":"Succeeded","startedAt":"2026-11-28T09:05:00+00:00","endedAt":"2026-11-28T09:12:00+00:00","attempt":1,"detail":{},"instances":[],"subSteps":[{"name":"modules","status":"PROGRESS","at":"2026-11-28T09:08:00+00:00","message":"modules installed"}]},
           {"deploymentId":"20261128-090000-3f9a1c2b","phase":"RunPuppetAgents:apim","status":"Failed","startedAt":"2026-11-28T09:14:00+00:00","endedAt":"2026-11-28T09:20:00+00:00","attempt":1,"detail":{},"instances":[{"instanceId":"i-0abc","status":"Failed","exitCode":1,"outputTail":"Error"}],"subSteps":[],"error":"puppet agent exited 1 on i-0abc"}]}
JSON
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$served" >/dev/null 2>&1 &
server_pid=$!
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
api="http://127.0.0.1:$port/"
expect 0 'outcome: Failed at RunPuppetAgents:apim' -- status 20261128-090000-3f9a1c2b --api-url "$api" --region us-east-1
expect 0 'modules installed' -- status 20261128-090000-3f9a1c2b --api-url "$api" --region us-east-1
expect 0 '"failedPhase":"RunPuppetAgents:apim"' -- status 20261128-090000-3f9a1c2b --api-url "$api" --output json
expect 1 'Failed at RunPuppetAgents:apim' -- watch 20261128-090000-3f9a1c2b --api-url "$api" --interval 100ms

size=$(stat -c %s "$binary")
echo "publish-cli: ${binary#"$root"/} $(awk -v b="$size" 'BEGIN {printf "%.1f MB (%d bytes)", b/1048576, b}'), 0 warnings, smoke runs passed, $((SECONDS - started)) s"
