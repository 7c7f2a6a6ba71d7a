#!/usr/bin/env bash
# CI's bounded fuzz step: every target of scripts/fuzz.sh for a few seconds each
# (FUZZ_SECONDS, default 5). A crash fails the step (fuzz.sh exits non-zero and keeps the
# input under .build/fuzz/artifacts/). Skipped, with one line saying why, when this toolchain
# cannot build -sanitize=fuzzer,address (libFuzzer ships with swift.org's Linux toolchains,
# not with Xcode's).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-5}
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
cat > "$probe/probe.swift" <<'SWIFT'
@_cdecl("LLVMFuzzerTestOneInput")
public func probe(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { 0 }
SWIFT
if ! swiftc -sanitize=fuzzer,address -parse-as-library -o "$probe/probe" "$probe/probe.swift" >/dev/null 2>&1; then
    echo "fuzz: skipped: this toolchain cannot build -sanitize=fuzzer,address"
    exit 0
fi
for target in $(scripts/fuzz.sh list); do
    scripts/fuzz.sh "$target" "$seconds"
done
