#!/usr/bin/env bash
# Installs every Debian package cfnlocal builds and tests with. Idempotent; needs root.
set -euo pipefail
packages=(
  build-essential cmake ninja-build ccache pkg-config
  libyaml-cpp-dev libyaml-dev nlohmann-json3-dev libboost-graph-dev libsqlite3-dev
  libcurl4-openssl-dev libssl-dev libfmt-dev libcli11-dev libre2-dev libzip-dev
  libcpp-httplib-dev libgoogle-perftools-dev
  libgtest-dev libgmock-dev libxml2-dev python3 python3-yaml
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi
