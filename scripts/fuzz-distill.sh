#!/usr/bin/env bash
# Distills what fuzzing has learned into the committed corpus Fuzz/corpus/TARGET.tar.gz,
# which scripts/fuzz.sh (and so CI's short runs) unpacks and runs first.
#
#   scripts/fuzz-distill.sh TARGET [MAX_BYTES]
#
# libFuzzer's -merge=1 keeps the fewest inputs that reach all the coverage of the committed
# corpus and the campaign's (.build/fuzz/corpus/TARGET), from inputs of at most MAX_BYTES
# (default 4096, so that the corpus stays small enough to commit and to run in CI's
# seconds). The archive holds no times or owners and its names are sorted, so it changes
# only where the inputs kept do (the merge itself may keep a few different ones from one run
# to the next: some targets run two threads). Inputs that once found a bug live apart,
# as plain files in Fuzz/regressions/TARGET/, and are never dropped. Run scripts/fuzz.sh
# TARGET SECONDS first: it builds the binary this uses.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[[ $# -ge 1 ]] || { echo "usage: scripts/fuzz-distill.sh TARGET [MAX_BYTES]" >&2; exit 2; }
target=$1 max=${2:-4096}
targets=$("$root/scripts/fuzz.sh" list)
[[ " $targets " == *" $target "* ]] || { echo "unknown target '$target'; one of: $targets" >&2; exit 2; }
work=$root/.build/fuzz
binary=$work/harness-fuzz
[[ -x $binary ]] || { echo "no $binary yet: run scripts/fuzz.sh $target SECONDS first" >&2; exit 2; }
archive=$root/Fuzz/corpus/$target.tar.gz
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/in" "$stage/out"
# Candidates: the committed corpus and the campaign's, inputs of at most MAX_BYTES.
[[ -f $archive ]] && tar -xzf "$archive" -C "$stage/in"
if [[ -d $work/corpus/$target ]]; then
    find "$work/corpus/$target" -maxdepth 1 -type f -size -"$((max + 1))"c -exec cp -t "$stage/in" {} +
fi
find "$stage/in" -type f -size +"$max"c -delete
export LSAN_OPTIONS="suppressions=$root/Fuzz/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
if ! SWIFT_BACKTRACE=enable=no HARNESS_FUZZ_TARGET=$target "$binary" -merge=1 -timeout=20 -rss_limit_mb=3072 -max_len="$max" \
        "$stage/out" "$stage/in" > "$stage/merge.log" 2>&1; then
    tail -20 "$stage/merge.log" >&2
    exit 1
fi
mkdir -p "$root/Fuzz/corpus"
# Deterministic: names sorted, owner and times fixed, gzip without a name or time.
(cd "$stage/out" && find . -type f -printf '%P\n' | LC_ALL=C sort > "$stage/list" &&
    tar --owner=0 --group=0 --numeric-owner --mtime=@0 --mode=0644 -cf - -T "$stage/list") | gzip -9n > "$archive.tmp"
mv "$archive.tmp" "$archive"
echo "fuzz-distill $target: $(wc -l < "$stage/list") inputs ($(cat "$stage/out"/* | wc -c) bytes) from $(find "$stage/in" -type f | wc -l)," \
     "$(wc -c < "$archive") bytes in Fuzz/corpus/$target.tar.gz"
