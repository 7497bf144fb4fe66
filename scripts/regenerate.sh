#!/usr/bin/env bash
# Regenerates src/OpenStack.Generated/Generated from specs/, then src/OpenStack.Generated/RefitStubs from that
# (Refit's generator, see RefitStubs/README.md). With --check, only compares (CI) and fails on any difference.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build generator/OpenStack.Generator.Host -c Release -v q -nologo >/dev/null
dotnet build generator/OpenStack.RefitStubs -c Release -v q -nologo >/dev/null
status=0
dotnet generator/OpenStack.Generator.Host/bin/Release/net8.0/OpenStack.Generator.Host.dll --repo . "$@" || status=$?
# In --check mode the stubs are compared even when the specs' output differs, so one run reports everything.
if [ "$status" -eq 0 ] || [ "${1:-}" = "--check" ]; then
  dotnet generator/OpenStack.RefitStubs/bin/Release/net10.0/OpenStack.RefitStubs.dll --repo . "$@" || status=$?
fi
exit "$status"
