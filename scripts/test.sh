#!/usr/bin/env bash
# Every test: brings up the local cloud (all seven services), checks the committed generated code is
# current, builds everything with warnings as errors, then runs unit, generator and integration tests.
# Under CI=true a missing cloud fails the integration tests instead of skipping them.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEVCLOUD_SERVICES="${DEVCLOUD_SERVICES:-keystone glance neutron placement nova cinder swift}"
scripts/devcloud.sh install
scripts/devcloud.sh up
eval "$(scripts/devcloud.sh env admin)"

echo "== regenerate-and-diff"
scripts/regenerate.sh --check

echo "== build (warnings are errors)"
dotnet build OpenStack.sln -c Release -nologo -v q

echo "== tests"
log=$(mktemp)
set +e
dotnet test OpenStack.sln -c Release --no-build -nologo 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

echo "== Native AOT sample (samples/AotImages): publish with trim/AOT warnings as errors, create/rename/delete an image and list images on the local cloud"
aot_out=$(mktemp -d)
if dotnet publish samples/AotImages/AotImages.csproj -r linux-x64 -c Release -o "$aot_out" -nologo -v q -clp:NoSummary \
   && "$aot_out/AotImages" --create-and-delete; then
  echo "AOT sample: ok"
else
  echo "AOT sample: FAILED"
  [ "$rc" -ne 0 ] || rc=1
fi
rm -rf "$aot_out"
set -e
# One plain summary line over all test projects.
awk '/(Passed|Failed|Skipped)!/ { for (i = 1; i <= NF; i++) { g = $i; v = $(i+1); gsub(/,/, "", v);
       if (g == "Failed:") f += v; if (g == "Passed:") p += v; if (g == "Skipped:") s += v } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$rc"
