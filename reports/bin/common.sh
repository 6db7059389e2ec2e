# Shared by compliance-report.sh and compliance-matrix.sh (sourced, not run).
# Paths: ROOT = repository root; the jars the build makes.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SUITE_JAR="$ROOT/conformance-suite/target/conformance-suite.jar"
REPORTS_JAR="$ROOT/reports/target/lmq-reports.jar"
BROKER_JAR="$ROOT/reference-broker/target/reference-broker.jar"
# A suite run that hangs beyond this is stopped (each test has its own timeout too).
SUITE_TIMEOUT_SECONDS="${SUITE_TIMEOUT_SECONDS:-1800}"

log() { printf '%s %s\n' "[$(date -u +%H:%M:%S)]" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 2; }

# Builds the broker, the suite's runnable jar and the reports jar (with Allure's command line).
build_jars() {
  log "building reference-broker, conformance-suite and reports (./mvnw -B -q -DskipTests package)"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl reports -am) || die "build failed"
}

require_jars() {
  [ -f "$SUITE_JAR" ] || die "no $SUITE_JAR: build first (drop --no-build)"
  [ -f "$REPORTS_JAR" ] || die "no $REPORTS_JAR: build first (drop --no-build)"
  [ -f "$BROKER_JAR" ] || die "no $BROKER_JAR: build first (drop --no-build)"
}

# run_suite REPORT_DIR [JVM -D options...] -- [suite options...]
# Exit status: 0 = all passed, 1 = some test failed (a report is still wanted), 2 = unusable target.
run_suite() {
  local dir="$1"; shift
  local jvm=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do jvm+=("$1"); shift; done
  [ "${1:-}" = "--" ] && shift
  rm -rf "$dir"; mkdir -p "$dir"
  local rc=0
  timeout --kill-after=30 "$SUITE_TIMEOUT_SECONDS" \
    java ${jvm[@]+"${jvm[@]}"} -jar "$SUITE_JAR" "$@" --report-dir "$dir" >"$dir/suite.log" 2>&1 || rc=$?
  tail -n 2 "$dir/suite.log" | sed 's/^/    /' >&2
  case "$rc" in
    0|1) return "$rc" ;;
    124|137) log "suite run stopped after ${SUITE_TIMEOUT_SECONDS}s (log: $dir/suite.log)"; return 2 ;;
    *) log "suite could not run against the target (exit $rc): $(tail -n 1 "$dir/suite.log")"; return 2 ;;
  esac
}

reports() { java -jar "$REPORTS_JAR" "$@"; }

git_commit() { (cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null) || echo unknown; }
