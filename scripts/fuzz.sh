#!/usr/bin/env bash
# Runs one libFuzzer target against the library for a bounded time.
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]
#   scripts/fuzz.sh list
#
# TARGET: csv-reader, json-scanner, json-validate, csv-compare, json-compare, table-schema, json-schema,
# config. The library's sources and Fuzz/*.swift are compiled once into
# .build/fuzz/harness-fuzz (swiftc -sanitize=fuzzer,address), rebuilt when a source is newer.
# Seeds come from ../shared/corpora (or $HARNESS_CORPORA), the test fixtures and the
# project's own goldens and contracts, and what is committed under Fuzz/: the corpus that
# earlier campaigns learned (Fuzz/corpus/TARGET.tar.gz, distilled by scripts/fuzz-distill.sh)
# and every input that once found a bug (Fuzz/regressions/TARGET/). Those run first, every
# time, so a short CI run starts where long campaigns stopped and a fixed bug that returns
# fails at once. What the fuzzer learns is kept in .build/fuzz/corpus/TARGET, crashes in
# .build/fuzz/artifacts/. Exit status: 0 when no crash was found, libFuzzer's otherwise.
# The last line says how many inputs were run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
targets="csv-reader json-scanner json-validate csv-compare json-compare table-schema json-schema config"
if [[ ${1:-} == list ]]; then echo "$targets"; exit 0; fi
if [[ $# -lt 2 ]]; then echo "usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]  (targets: $targets)" >&2; exit 2; fi
target=$1 seconds=$2; shift 2
[[ " $targets " == *" $target "* ]] || { echo "unknown target '$target'; one of: $targets" >&2; exit 2; }
corpora=${HARNESS_CORPORA:-$root/../shared/corpora}
work=$root/.build/fuzz
binary=$work/harness-fuzz
mkdir -p "$work/artifacts" "$work/corpus/$target" "$work/seeds/$target"

# Compiled from a snapshot of the sources, so editing while it builds (a -O build with the
# sanitizers takes minutes) cannot break it. HARNESS_FUZZ_REBUILD=never keeps a stale
# binary (a long campaign while the sources change).
newer=""
# `-print -quit`, not `| head -1`: with pipefail, find killed by the closed pipe (SIGPIPE, 141)
# ended the script whenever many sources were newer.
[[ -x $binary ]] && newer=$(find "$root/Sources/Harness" "$root/Sources/CHarnessBytes" "$root/Fuzz" \( -name '*.swift' -o -name '*.h' \) -newer "$binary" -print -quit)
if [[ ! -x $binary ]] || [[ -n $newer && ${HARNESS_FUZZ_REBUILD:-auto} != never ]]; then
    echo "building $binary (several minutes) ..." >&2
    rm -rf "$work/src" && mkdir -p "$work/src"
    cp -R "$root/Sources/Harness" "$work/src/Harness" && cp -R "$root/Fuzz" "$work/src/Fuzz"
    cp -R "$root/Sources/CHarnessBytes" "$work/src/CHarnessBytes"   # a C header module (module.modulemap)
    touch "$work/src/.stamp"
    # SwiftPM embeds the Python files (Package.swift: .embedInCode) as `PackageResources`;
    # outside SwiftPM the same accessor is written here from the same files.
    python3 - "$root/Sources/Harness/Python" "$work/src/Harness/PackageResources.swift" <<'PY'
import os, sys
folder, out = sys.argv[1], sys.argv[2]
lines = ["struct PackageResources {"]
for name in sorted(os.listdir(folder)):
    if name.endswith(".py"):
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        hashes = "#"
        while '"""' + hashes in text or "\\" + hashes in text:
            hashes += "#"
        lines.append("    static let %s: [UInt8] = Array(%s\"\"\"\n%s\n\"\"\"%s.utf8)"
                     % (name.replace(".", "_"), hashes, text, hashes))
lines.append("}")
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
    find "$work/src" -name '*.swift' | sort > "$work/src/files"
    swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name Harness -swift-version 6 \
        -I "$work/src/CHarnessBytes/include" -o "$binary.tmp" @"$work/src/files"
    mv "$binary.tmp" "$binary"
    touch -r "$work/src/.stamp" "$binary"   # newer sources than the snapshot rebuild next time
fi

# Seeds: files of the target's format; pairs are joined by 0xFF (see FuzzCheck.split).
seeds=$work/seeds/$target
# Seeding takes what it finds: a missing corpus or a `head` closing a pipe is no failure.
set +e +o pipefail
if [[ -z $(ls -A "$seeds") ]]; then
    # One path a line, kept whole: corpus files have spaces in their names.
    mapfile -t csvs < <( { find "$corpora/csv-spectrum" "$corpora/csvlint-fixtures" "$corpora/frictionless-data" -name '*.csv' -size -64k 2>/dev/null; find "$root/golden" "$root/examples" -name '*.csv' -size -64k; } | head -400)
    mapfile -t jsons < <( { find "$root/golden" "$root/contracts" "$root/examples" -name '*.json' -size -64k; find "$corpora/frictionless-data" -name '*.json' -size -64k 2>/dev/null; find "$root/Tests/HarnessTests/Fixtures" -name 'harness.json'; echo "$root/harness.json"; } | head -300)
    n=0
    case $target in
    csv-reader|csv-compare)
        for f in "${csvs[@]}"; do n=$((n+1)); cp "$f" "$seeds/$n"; done
        prev=""
        for f in "${csvs[@]}"; do [[ -n $prev ]] && { n=$((n+1)); { cat "$prev"; printf '\377'; cat "$f"; } > "$seeds/$n"; }; prev=$f; done ;;
    json-scanner|json-validate|json-compare|config)
        for f in "${jsons[@]}"; do n=$((n+1)); cp "$f" "$seeds/$n"; done
        printf '\001{"id":1,"a":[1,2]}\n{"id":2,"a":"x"}\n\377{"id":2,"a":"x"}\n{"id":1,"a":[1,2.0]}\n' > "$seeds/jsonl" ;;
    table-schema)
        mapfile -t contracts < <(find "$root/contracts" "$corpora/frictionless-data" -name '*.json' -size -16k 2>/dev/null | head -100)
        for c in "${contracts[@]}"; do
            mapfile -t picks < <(printf '%s\n' "${csvs[@]}" | shuf -n 3 --random-source=<(yes))
            for f in "${picks[@]}"; do n=$((n+1)); { cat "$c"; printf '\377'; cat "$f"; } > "$seeds/$n"; done
        done ;;
    json-schema)
        find "$corpora/json-schema-test-suite" -name '*.json' -path '*draft2020-12*' -size -32k 2>/dev/null | head -300 | while read -r f; do
            python3 - "$f" "$seeds" <<'PY' || true
import json, sys, os
path, out = sys.argv[1], sys.argv[2]
try:
    groups = json.load(open(path))
except Exception:
    sys.exit(0)
for g, group in enumerate(groups if isinstance(groups, list) else []):
    for t, test in enumerate(group.get("tests", [])):
        name = os.path.join(out, "%s-%d-%d" % (os.path.basename(path), g, t))
        with open(name, "wb") as fh:
            fh.write(json.dumps(group.get("schema")).encode() + b"\xff" + json.dumps(test.get("data")).encode())
PY
        done ;;
    esac
fi

# The committed corpus, unpacked when the archive is newer than the last unpacking.
committed=()
archive=$root/Fuzz/corpus/$target.tar.gz
if [[ -f $archive ]]; then
    unpacked=$work/committed/$target
    if [[ ! -d $unpacked || $archive -nt $unpacked ]]; then
        rm -rf "$unpacked" && mkdir -p "$unpacked"
        tar -xzf "$archive" -C "$unpacked"
    fi
    committed+=("$unpacked")
fi
[[ -d $root/Fuzz/regressions/$target ]] && committed+=("$root/Fuzz/regressions/$target")

log=$work/$target.log
# Leaks outside this project (each explained in the file) are suppressed; any other leak
# stops the run like a crash.
export LSAN_OPTIONS="suppressions=$root/Fuzz/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# Swift's backtracer is off: under the sanitizers it hung after a trap (an `invariant broken`
# the target found), and as it held the output pipe open this script waited for ever instead
# of failing. libFuzzer's own handler prints the stack.
SWIFT_BACKTRACE=enable=no HARNESS_FUZZ_TARGET=$target TMPDIR=${TMPDIR:-/tmp} "$binary" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/artifacts/$target-" "$@" \
    "$work/corpus/$target" "${committed[@]}" "$seeds" 2>&1 | tee "$log" | grep -E '^(INFO: seed|#[0-9]+ +DONE|==[0-9]+==ERROR|SUMMARY|invariant broken|Fatal error|artifact_prefix|Test unit written)' || true
status=${PIPESTATUS[0]}
set -e
# A finding prints its report (the sanitizer's or Swift's, with the stack) so that CI's
# log says where it is without the artifact.
if [[ $status -ne 0 ]]; then
    sed -n '/^==[0-9]*==ERROR\|^Fatal error\|invariant broken/,/^SUMMARY\|^artifact_prefix/p' "$log" | head -60 >&2
fi
runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
echo "fuzz $target: ${runs:-0} executions in ${seconds}s, exit $status (log: $log)"
exit "$status"
