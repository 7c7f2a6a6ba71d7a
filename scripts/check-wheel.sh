#!/usr/bin/env bash
# Proves the wheel works on a machine without Swift: builds it (scripts/build-wheel.sh), pip
# installs it into a fresh venv, hides the Swift toolchain (PATH and LD_LIBRARY_PATH), and runs
# `harness --version`, a CSV diff, a validate and `harness run` on a small fixture project.
# Fails if ldd shows any Swift library or any step answers wrongly. Then runs action.yml's
# install and run steps on the same wheel (scripts/check_action.py). .ci/run calls it.
#
#   scripts/check-wheel.sh            # builds the wheel first (the release build is cached)
#   scripts/check-wheel.sh dist/X.whl # checks a wheel built elsewhere (the release workflow)
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

fail() {
    echo "check-wheel: FAIL: $*" >&2
    exit 1
}

scratch="$(mktemp -d /tmp/harness-wheel-check.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT

if [ $# -ge 1 ]; then
    wheel="$1"
else
    wheel="$(scripts/build-wheel.sh "$scratch/dist" | tail -n 1)"
fi
[ -f "$wheel" ] || fail "no wheel at $wheel"

python3 -m venv "$scratch/venv"
"$scratch/venv/bin/python" -m pip install --quiet --no-index --disable-pip-version-check "$wheel" \
    || fail "pip could not install $wheel"
harness="$scratch/venv/bin/harness"
[ -x "$harness" ] || fail "pip installed no executable harness into the venv's bin"

# Swift hidden: PATH keeps only folders without a swift or swiftc, and no library path.
clean_path=""
IFS=: read -r -a folders <<<"$PATH"
for folder in "${folders[@]}"; do
    [ -n "$folder" ] || continue
    if [ -e "$folder/swift" ] || [ -e "$folder/swiftc" ]; then
        case "$folder" in
            /bin | /usr/bin) fail "swift is installed in $folder beside the system's tools, so it cannot be hidden; run this check where the toolchain has its own folder (as /opt/swift here, or setup-swift on GitHub)" ;;
        esac
        continue
    fi
    clean_path="${clean_path:+$clean_path:}$folder"
done
without_swift() {
    env -u LD_LIBRARY_PATH PATH="$scratch/venv/bin:$clean_path" "$@"
}
if without_swift sh -c 'command -v swift' >/dev/null 2>&1; then
    fail "swift is still reachable on the cleaned PATH"
fi

echo "check-wheel: $(basename "$wheel"): $(du -k "$wheel" | cut -f1) KB wheel, $(du -k "$harness" | cut -f1) KB binary"
libraries="$(without_swift ldd "$harness" 2>&1 || true)"
echo "check-wheel: ldd: $(echo "$libraries" | tr '\n' ' ' | tr -s ' \t' ' ')"
if echo "$libraries" | grep -qi swift; then
    fail "the binary links a Swift library:"$'\n'"$libraries"
fi
if echo "$libraries" | grep -q "not found"; then
    fail "a library the binary needs is missing:"$'\n'"$libraries"
fi

expected_version="$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/Harness/HarnessVersion.swift)"
version="$(without_swift harness --version)"
[ "$version" = "harness $expected_version" ] || fail "harness --version printed '$version', expected 'harness $expected_version'"
echo "check-wheel: $version"

# A CSV diff: equal within tolerance (exit 0), then one changed cell (exit 1, named).
printf 'id,amount\n1,10.0\n2,20.5\n' >"$scratch/expected.csv"
printf 'id,amount\n2,20.50000000001\n1,10\n' >"$scratch/same.csv"
printf 'id,amount\n1,10.0\n2,21.5\n' >"$scratch/changed.csv"
without_swift harness diff "$scratch/expected.csv" "$scratch/same.csv" --key id --rtol 1e-9 >"$scratch/diff.txt" 2>&1 \
    || fail "diff of equal files exited non-zero: $(cat "$scratch/diff.txt")"
status=0
without_swift harness diff "$scratch/expected.csv" "$scratch/changed.csv" --key id >"$scratch/diff.txt" 2>&1 || status=$?
if [ "$status" != 1 ] || ! grep -q "21.5" "$scratch/diff.txt"; then fail "diff of a changed file: exit $status, expected 1 naming 21.5: $(cat "$scratch/diff.txt")"; fi
echo "check-wheel: diff: equal files exit 0, a changed cell exits 1"

# A validate: the fixture's contract accepts its golden and refuses a value out of bounds.
fixture="Tests/HarnessTests/Fixtures/Run/basic"
without_swift harness validate "$fixture/golden/basic/totals.csv" --contract "$fixture/contracts/totals.json" >"$scratch/validate.txt" 2>&1 \
    || fail "validate of a valid file exited non-zero: $(cat "$scratch/validate.txt")"
printf 'group,total\na,4.75\nb,1000\n' >"$scratch/invalid.csv"
status=0
without_swift harness validate "$scratch/invalid.csv" --contract "$fixture/contracts/totals.json" >"$scratch/validate.txt" 2>&1 || status=$?
if [ "$status" != 1 ] || ! grep -q "constraint-error" "$scratch/validate.txt"; then fail "validate of an out-of-bounds value: exit $status, expected 1 with a constraint-error: $(cat "$scratch/validate.txt")"; fi
echo "check-wheel: validate: a valid file exits 0, an out-of-bounds value exits 1"

# harness run on a copy of the fixture project (standard-library notebook and pipeline).
cp -R "$fixture" "$scratch/project"
status=0
(cd "$scratch/project" && without_swift harness run --json "$scratch/run.json") >"$scratch/run.txt" 2>&1 || status=$?
sed 's/^/check-wheel: run: /' "$scratch/run.txt"
[ "$status" = 0 ] || fail "harness run on the fixture project exited $status"
grep -q '"passed" : 1\|"passed": 1' "$scratch/run.json" || fail "the run's JSON report does not count 1 passed case"

# The action's own install and run steps, on this wheel (GitHub itself is not reachable here).
python3 scripts/check_action.py "$wheel"

echo "check-wheel: passed in $((SECONDS - started)) s (Swift hidden from PATH and LD_LIBRARY_PATH)"
