#!/usr/bin/env bash
# Builds the one Lambda executable that serves every function (provided.al2023 custom runtime):
# Native AOT publish of src/Functions to artifacts/publish, then artifacts/bootstrap.zip with
# `bootstrap` executable inside, then the checks that would otherwise fail only in AWS:
#   - the publish has zero warnings (a trim/AOT warning is a behaviour change waiting to happen);
#   - the binary asks for no glibc symbol newer than provided.al2023's 2.34;
#   - the zip entry keeps its executable bit (Lambda cannot start a bootstrap without it).
# Usage: scripts/publish-bootstrap.sh   (env: CONFIGURATION=Release, RID=linux-x64)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
configuration="${CONFIGURATION:-Release}"
rid="${RID:-linux-x64}"
max_glibc="2.34"
out="$root/artifacts/publish"
zip_path="$root/artifacts/bootstrap.zip"
log="$root/artifacts/publish-bootstrap.log"

fail() { echo "publish-bootstrap: FAILED: $*" >&2; exit 1; }

rm -rf "$out" "$zip_path"
mkdir -p "$out"
started=$SECONDS

# -warnaserror covers the ILC (trim/AOT) warnings as well as the compiler's; the log is also
# scanned below, so a warning that some tool reports without failing still stops the script.
if ! dotnet publish src/Functions/Functions.csproj -c "$configuration" -r "$rid" \
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

binary="$out/bootstrap"
[ -f "$binary" ] || fail "no bootstrap in ${out#"$root"/}"
head -c 4 "$binary" | od -An -c | grep -q 'E   L   F' || fail "bootstrap is not an ELF executable (was PublishAot honoured?)"

# The highest GLIBC_x.y symbol version the binary needs must exist on provided.al2023.
command -v objdump >/dev/null || fail "objdump is needed for the glibc check (apt-get install binutils)"
needed=$(objdump -T "$binary" | grep -oE 'GLIBC_[0-9]+(\.[0-9]+)+' | sed 's/GLIBC_//' | sort -uV | tail -n 1)
[ -n "$needed" ] || fail "objdump found no GLIBC symbol versions in bootstrap"
highest=$(printf '%s\n%s\n' "$needed" "$max_glibc" | sort -V | tail -n 1)
if [ "$highest" != "$max_glibc" ]; then
  objdump -T "$binary" | grep -E "GLIBC_${needed//./\\.}" >&2 || true
  fail "bootstrap needs GLIBC_$needed, provided.al2023 has $max_glibc"
fi

# Only the executable goes in the zip (the .dbg symbols stay in artifacts/publish for crash analysis).
chmod 755 "$binary"
python3 - "$binary" "$zip_path" <<'PY'
import os, stat, sys, zipfile
binary, target = sys.argv[1], sys.argv[2]
info = zipfile.ZipInfo("bootstrap", date_time=(2020, 1, 1, 0, 0, 0))
info.compress_type = zipfile.ZIP_DEFLATED
info.create_system = 3  # Unix, so that Lambda reads the mode bits below
info.external_attr = (stat.S_IFREG | 0o755) << 16
with open(binary, "rb") as f, zipfile.ZipFile(target, "w") as z:
    z.writestr(info, f.read(), compresslevel=9)
with zipfile.ZipFile(target) as z:
    entry = z.getinfo("bootstrap")
    mode = entry.external_attr >> 16
    if not (mode & 0o111) or z.namelist() != ["bootstrap"]:
        sys.exit("bootstrap.zip: the entry is not a single executable 'bootstrap'")
PY

size=$(stat -c %s "$binary")
zip_size=$(stat -c %s "$zip_path")
echo "publish-bootstrap: OK in $((SECONDS - started)) s"
echo "  warnings:        $warnings"
echo "  max GLIBC:       $needed (limit $max_glibc)"
echo "  bootstrap:       $(numfmt --to=iec --suffix=B "$size") ($size bytes)"
echo "  bootstrap.zip:   $(numfmt --to=iec --suffix=B "$zip_size") ($zip_size bytes) -> ${zip_path#"$root"/}"
