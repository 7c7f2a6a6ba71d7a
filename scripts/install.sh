#!/usr/bin/env bash
# From source, for Swift users: builds the release binary (scripts/build-release.sh) and
# installs it as PREFIX/bin/harness (default PREFIX: /usr/local).
#
#   scripts/install.sh ~/.local      # then ~/.local/bin/harness
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-/usr/local}"
binary="$(scripts/build-release.sh | tail -n 1)"
mkdir -p "$prefix/bin"
install -m 0755 "$binary" "$prefix/bin/harness"
echo "install: $prefix/bin/harness ($("$prefix/bin/harness" --version))"
