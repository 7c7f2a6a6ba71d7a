#!/usr/bin/env bash
# Builds the release `harness` that needs no Swift at run time and prints its path: on Linux a
# fully static executable (-static-executable: the Swift runtime, Foundation, ICU and glibc
# inside, so it runs on any x86_64/aarch64 Linux whatever its glibc), stripped (-Xlinker -s).
# The build goes to its own scratch folder (.build-release, gitignored), so it does not
# disturb the debug build in .build and a second run only relinks what changed.
# scripts/build-wheel.sh and scripts/install.sh use it.
set -euo pipefail
cd "$(dirname "$0")/.."

flags=(-c release --product harness --scratch-path "${HARNESS_RELEASE_SCRATCH:-.build-release}")
case "$(uname -s)" in
    Linux) flags+=(-Xswiftc -static-executable -Xlinker -s) ;;
    # macOS has the Swift runtime in the OS; a static Foundation is not offered there.
    Darwin) ;;
    *) echo "build-release: $(uname -s) is not supported (Linux, macOS)" >&2; exit 2 ;;
esac
# The static glibc warns, once per function, that NSS lookups (getpwuid, getaddrinfo) would
# need the build machine's glibc at run time; harness calls none of them, so they are hidden.
swift build "${flags[@]}" 2>&1 | { grep -v "in statically linked applications requires at runtime" || true; } >&2
echo "$(swift build "${flags[@]}" --show-bin-path)/harness"
