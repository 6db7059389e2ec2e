#!/usr/bin/env bash
# Screenshots of a generated site with headless Chromium (Debian package chromium), served on
# loopback: the front page, the compliance report (overview, categories), the matrix, the first
# failed test the matrix links to (in that broker's Allure report) and the load page, whichever
# exist, under the names docs/screenshots/ uses.  usage: reports/bin/screenshots.sh [SITE_DIR] [OUT_DIR]
set -euo pipefail
source "$(dirname "$0")/common.sh"
SITE="${1:-$ROOT/reports/target/site}"
OUT="${2:-$ROOT/reports/target/screenshots}"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
[ -n "$CHROMIUM" ] || die "no chromium (apt-get install -y chromium)"
[ -f "$REPORTS_JAR" ] || die "no $REPORTS_JAR (./mvnw -B -q -DskipTests package -pl reports -am)"
mkdir -p "$OUT"
PROFILE="$(mktemp -d)"
SERVE_LOG="$(mktemp)"
java -jar "$REPORTS_JAR" serve "$SITE" >"$SERVE_LOG" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$PROFILE" "$SERVE_LOG"' EXIT
URL=""
for _ in $(seq 1 100); do
  URL="$(sed -n 's/^serving .* at \(http:[^ ]*\)$/\1/p' "$SERVE_LOG")"
  [ -n "$URL" ] && break
  sleep 0.1
done
[ -n "$URL" ] || die "site server did not start: $(cat "$SERVE_LOG")"

shot() { # NAME PATH WIDTH HEIGHT
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage \
    --user-data-dir="$PROFILE" --hide-scrollbars --virtual-time-budget=15000 \
    --window-size="$3,$4" --screenshot="$OUT/$1.png" "$URL$2" >/dev/null 2>&1
  echo "$OUT/$1.png"
}
[ -f "$SITE/index.html" ] && shot site-index index.html 1200 500
if [ -f "$SITE/compliance/index.html" ]; then
  shot compliance-report-overview "compliance/index.html" 1400 950
  shot compliance-report-categories "compliance/index.html#categories" 1400 950
fi
if [ -f "$SITE/matrix/index.html" ]; then
  shot compliance-matrix "matrix/index.html" 1400 1300
  # A FAIL cell links to its test in the broker's Allure report.
  FAILED="$(grep -o 'v-fail" data-verdict="fail"[^>]*><a href="[^"]*"' "$SITE/matrix/index.html" | head -n 1 | sed 's/.*href="//; s/"$//' || true)"
  [ -n "$FAILED" ] && shot compliance-report-failed-test "matrix/$FAILED" 1400 950
fi
[ -f "$SITE/load/index.html" ] && shot load-runs "load/index.html" 1400 1400
exit 0
