#!/usr/bin/env bash
# Regenerates src/OpenStack.Generated/Generated from specs/. With --check, only compares (CI).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build generator/OpenStack.Generator.Host -c Release -v q -nologo >/dev/null
exec dotnet generator/OpenStack.Generator.Host/bin/Release/net8.0/OpenStack.Generator.Host.dll --repo . "$@"
