#!/usr/bin/env bash
# The compliance report in one command: builds what is needed, runs the conformance suite against
# the bundled reference broker (or the broker given with --url), and generates the Allure HTML
# report (grouped by area and rule ID, categories, environment, history of the previous report,
# load SLO checks when load results exist). Prints the report's path.
set -euo pipefail
source "$(dirname "$0")/common.sh"

usage() {
  cat <<'U'
usage: reports/bin/compliance-report.sh [options] [suite options]

  --out DIR            site directory (default reports/target/site); the report goes to DIR/compliance,
                       the raw run (summary JSON, JUnit XML, Allure results) to DIR/compliance-run
  --no-build           use the jars already built
  --from-build         do not run the suite: report the results the last ./mvnw verify of the suite left
                       (conformance-suite/target/allure-results)
  --load-results DIR   load results to add as SLO checks (repeatable; default load/target/lmq-load if present)
  --no-load            add no load SLO checks
  --name NAME          report name
  --build-name NAME    name of this run in the trend charts (default: run <n>)
  --build-url URL      link to the CI run
  suite options        passed to the suite jar: --url --profile --config --auth --username --password
                       --access-key --secret-key --token --instance-id --group-id --parent-topic
                       --capabilities --namespace --events-topic --limit (see conformance-suite/README.md)
Without --url the suite starts the bundled reference broker (profile mqtt311 unless --profile).
U
}

OUT="$ROOT/reports/target/site"
BUILD=1
LOAD_DIRS=()
NO_LOAD=0
FROM_BUILD=0
NAME="LMQ harness compliance report"
EXTRA=()
SUITE_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --load-results) LOAD_DIRS+=("$2"); shift 2 ;;
    --no-load) NO_LOAD=1; shift ;;
    --from-build) FROM_BUILD=1; shift ;;
    --name) NAME="$2"; shift 2 ;;
    --build-name|--build-url) EXTRA+=("$1" "$2"); shift 2 ;;
    --url|--profile|--config|--auth|--username|--password|--access-key|--secret-key|--token|--instance-id|\
    --group-id|--parent-topic|--capabilities|--namespace|--events-topic|--limit)
      [ $# -ge 2 ] || die "$1 needs a value"; SUITE_ARGS+=("$1" "$2"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

[ "$BUILD" = 1 ] && build_jars
require_jars

if [ "$FROM_BUILD" = 1 ]; then
  [ ${#SUITE_ARGS[@]} -eq 0 ] || die "--from-build reports an existing run; suite options do not apply"
  RESULTS="$ROOT/conformance-suite/target/allure-results"
  [ -d "$RESULTS" ] || die "no $RESULTS: run ./mvnw -B -pl conformance-suite -am verify first"
  log "reporting the suite results of the last build ($RESULTS)"
else
  RUN="$OUT/compliance-run"
  log "running the conformance suite ${SUITE_ARGS[*]+${SUITE_ARGS[*]}} (log: $RUN/suite.log)"
  rc=0
  run_suite "$RUN" -- ${SUITE_ARGS[@]+"${SUITE_ARGS[@]}"} || rc=$?
  [ "$rc" = 2 ] && die "no report: the suite did not run (see $RUN/suite.log)"
  RESULTS="$RUN/allure-results"
fi

if [ "$NO_LOAD" = 0 ] && [ ${#LOAD_DIRS[@]} -eq 0 ] && [ -d "$ROOT/load/target/lmq-load" ]; then
  LOAD_DIRS=("$ROOT/load/target/lmq-load")
fi
LOAD_ARGS=()
if [ "$NO_LOAD" = 0 ]; then
  for d in ${LOAD_DIRS[@]+"${LOAD_DIRS[@]}"}; do LOAD_ARGS+=(--load-results "$d"); done
fi

log "generating the Allure report"
reports allure --results "$RESULTS" --out "$OUT/compliance" --name "$NAME" \
  --env "git.commit=$(git_commit)" --env "report.kind=compliance" \
  ${LOAD_ARGS[@]+"${LOAD_ARGS[@]}"} ${EXTRA[@]+"${EXTRA[@]}"} >&2
reports site "$OUT" >/dev/null

echo "Compliance report: $OUT/compliance/index.html"
echo "  (Allure needs HTTP: java -jar reports/target/lmq-reports.jar serve $OUT  then open /compliance/)"
exit 0
