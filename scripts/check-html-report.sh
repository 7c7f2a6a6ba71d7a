#!/usr/bin/env bash
# Opens the failing-run HTML report in headless Chromium and checks, from the DOM after the
# page's script ran, what a reviewer must see: the failing case, a highlighted changed cell,
# and data shown as text (a cell holding <script>alert(1)</script> must not become markup).
#
# The page checked is the committed golden fixture (Tests/HarnessTests/Fixtures/Reports/
# run-failing.html); HTMLRendererTests keeps it equal to what HTMLRenderer renders today, so
# this script needs no Swift build. Pass another page as $1 to check that one instead.
# It also writes a screenshot ($HARNESS_SCREENSHOT, default /tmp/harness-report.png) for a
# person to look at. Installs Debian's chromium when it is missing (needs root, as in CI).
set -euo pipefail
cd "$(dirname "$0")/.."

page="${1:-Tests/HarnessTests/Fixtures/Reports/run-failing.html}"
screenshot="${HARNESS_SCREENSHOT:-/tmp/harness-report.png}"

fail() {
    echo "check-html-report: FAIL: $*" >&2
    exit 1
}

if ! command -v chromium >/dev/null 2>&1; then
    echo "check-html-report: chromium not found; installing Debian's chromium package" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null \
        || fail "could not install chromium (apt-get install -y chromium); install it and rerun"
fi

[ -f "$page" ] || fail "no page at $page (record it: HARNESS_RECORD_FIXTURES=1 swift test --filter HTMLRendererTests)"
url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"

scratch="$(mktemp -d /tmp/harness-html-check.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT

# A fresh profile per run so parallel runs and a root HOME don't interfere; --no-sandbox
# because CI runs as root in a container.
browser() {
    timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --no-first-run --user-data-dir="$scratch/profile" "$@" 2>>"$scratch/chromium.log"
}

# Chromium's log, without the D-Bus noise of a container that has no session bus.
show_log() {
    grep -v -e 'dbus' -e 'unexpected operator' "$scratch/chromium.log" >&2 || true
}

# Markup from data would run in the browser: an alert() blocks headless Chromium until the
# timeout, so catch it in the file first with a clear message.
if grep -Fq '<script>alert(1)' "$page"; then
    fail "'<script>alert(1)' from the data appears unescaped in $page"
fi

status=0
browser --dump-dom "$url" >"$scratch/dom.html" || status=$?
if [ "$status" -eq 124 ]; then
    show_log
    fail "chromium did not finish rendering $url within 60 s (a dialog or endless script in the page?)"
elif [ "$status" -ne 0 ]; then
    show_log
    fail "chromium could not render $url (exit $status)"
fi
dom="$scratch/dom.html"
grep -q '</html>' "$dom" || { show_log; fail "chromium returned no DOM for $url"; }

problems=()
grep -Eq '<html[^>]*class="[^"]*\bjs\b' "$dom" \
    || problems+=("the page's script did not run (no class=\"js\" on <html>): a script error?")
grep -Eq '<tr[^>]*data-status="failed"' "$dom" \
    || problems+=("no overview row with data-status=\"failed\": the failing case is not listed")
grep -Eq '<details[^>]*data-status="failed"[^>]*open' "$dom" \
    || problems+=("no open <details data-status=\"failed\">: the failing case's details are not shown")
grep -Eq '<td[^>]*class="[^"]*\bchanged\b' "$dom" \
    || problems+=("no <td class=\"changed\">: no highlighted changed cell")
if grep -Fq '<script>alert(1)' "$dom"; then
    problems+=("'<script>alert(1)' from the data appears unescaped in the DOM")
fi
grep -Fq '&lt;script&gt;alert(1)&lt;/script&gt;' "$dom" \
    || problems+=("the cell value <script>alert(1)</script> is not shown as text")

if [ "${#problems[@]}" -gt 0 ]; then
    for problem in "${problems[@]}"; do echo "check-html-report: FAIL: $problem" >&2; done
    echo "check-html-report: page: $page" >&2
    exit 1
fi

browser --hide-scrollbars --window-size=1280,1600 --screenshot="$screenshot" "$url" >/dev/null \
    || { show_log; fail "chromium could not take a screenshot of $url"; }
echo "check-html-report: ok: $page shows the failing case, a highlighted cell and escaped data"
echo "check-html-report: screenshot: $screenshot"
