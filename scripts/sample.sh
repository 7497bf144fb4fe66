#!/usr/bin/env bash
# The main job on a fresh Debian machine: install and start a local Keystone + Glance (Zed, loopback,
# SQLite), then run samples/Quickstart against it. Needs root for the apt-get install step.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEVCLOUD_SERVICES="${DEVCLOUD_SERVICES:-keystone glance}"
scripts/devcloud.sh install
scripts/devcloud.sh up
eval "$(scripts/devcloud.sh env admin)"
dotnet run --project samples/Quickstart -c Release
