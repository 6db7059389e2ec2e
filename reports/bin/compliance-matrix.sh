#!/usr/bin/env bash
# The compliance matrix: runs the conformance suite against several brokers, generates each one's
# Allure report, and renders one page (rule x broker, each cell linking to that broker's report)
# plus matrix.json. Brokers by default: the bundled reference broker in profiles mqtt311 and lmq,
# and Mosquitto from Debian on a loopback port (skipped with a note when not installed).
set -euo pipefail
source "$(dirname "$0")/common.sh"

usage() {
  cat <<'U'
usage: reports/bin/compliance-matrix.sh [options]

  --out DIR                 site directory (default reports/target/site); the matrix goes to DIR/matrix,
                            each broker's run and Allure report to DIR/matrix/brokers/NAME/{run,allure}
  --no-build                use the jars already built
  --brokers LIST            built-in brokers to run, comma-separated (default bundled-mqtt311,reference-lmq,mosquitto):
                              bundled-mqtt311, bundled-lmq, bundled-lite: the suite's in-process reference broker;
                              reference-lmq, reference-lite: the reference broker's jar as its own process, with
                                the instance the suite expects (group GID_lmqsuite, parent topic lmqsuite);
                              mosquitto: Debian's Mosquitto on loopback (TCP, WebSocket, TLS)
  --target NAME=URL[@PROFILE]
                            another broker, already running (repeatable), e.g. hivemq=tcp://127.0.0.1:1883@mqtt311
  --mosquitto-port PORT     first loopback port for Mosquitto's listeners (default: a free one from 18830)
U
}

OUT="$ROOT/reports/target/site"
BUILD=1
BROKERS="bundled-mqtt311,reference-lmq,mosquitto"
TARGETS=()
MOSQ_PORT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --brokers) BROKERS="$2"; shift 2 ;;
    --target) TARGETS+=("$2"); shift 2 ;;
    --mosquitto-port) MOSQ_PORT="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
MATRIX="$OUT/matrix"
mkdir -p "$MATRIX/brokers"

[ "$BUILD" = 1 ] && build_jars
require_jars

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port_from() {
  local p="$1"
  while [ "$p" -lt 65000 ]; do port_free "$p" && { echo "$p"; return; }; p=$((p + 1)); done
  die "no free port from $1"
}
wait_port() { # PORT [SECONDS]
  local port="$1" i
  for i in $(seq 1 $((${2:-10} * 10))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

MOSQ_PID=""
REF_PID=""
stop_pid() { if [ -n "$1" ]; then kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; fi; }
cleanup() { stop_pid "$MOSQ_PID"; stop_pid "$REF_PID"; }
trap cleanup EXIT

# Starts Mosquitto on loopback: TCP, WebSocket and (with openssl) TLS listeners. Sets MOSQ_* vars.
start_mosquitto() {
  local dir="$1"
  mkdir -p "$dir"
  local base="${MOSQ_PORT:-$(free_port_from 18830)}"
  MOSQ_TCP="$base"; MOSQ_WS="$(free_port_from $((base + 1)))"; MOSQ_TLS="$(free_port_from $((MOSQ_WS + 1)))"
  {
    echo "persistence false"
    echo "log_dest stdout"
    echo "per_listener_settings false"
    echo "allow_anonymous true"
    echo "listener $MOSQ_TCP 127.0.0.1"
    echo "listener $MOSQ_WS 127.0.0.1"
    echo "protocol websockets"
  } >"$dir/mosquitto.conf"
  MOSQ_TLS_URL=""
  if command -v openssl >/dev/null 2>&1 \
     && openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
          -keyout "$dir/key.pem" -out "$dir/cert.pem" >/dev/null 2>&1; then
    # Started as root, Mosquitto drops to its own user, which must read this throw-away test key.
    chmod 644 "$dir/key.pem" "$dir/cert.pem"
    { echo "listener $MOSQ_TLS 127.0.0.1"; echo "certfile $dir/cert.pem"; echo "keyfile $dir/key.pem"; } >>"$dir/mosquitto.conf"
    MOSQ_TLS_URL="ssl://127.0.0.1:$MOSQ_TLS"
  fi
  mosquitto -c "$dir/mosquitto.conf" >"$dir/mosquitto.out" 2>&1 &
  MOSQ_PID=$!
  if ! wait_port "$MOSQ_TCP"; then
    log "mosquitto: did not listen on 127.0.0.1:$MOSQ_TCP (see $dir/mosquitto.out)"
    stop_mosquitto
    return 1
  fi
  MOSQ_VERSION="$(mosquitto -h 2>/dev/null | head -n 1 || true)"
}

stop_mosquitto() { stop_pid "$MOSQ_PID"; MOSQ_PID=""; }

# Starts the reference broker's runnable jar in profile PROFILE on loopback (all four listeners,
# self-signed TLS, in-memory store) with the instance the suite expects by default: group
# GID_lmqsuite, parent topic lmqsuite, anonymous clients allowed. Sets REF_* vars.
start_reference() {
  local dir="$1" profile="$2"
  mkdir -p "$dir"
  REF_TCP="$(free_port_from 18840)"; REF_TLS="$(free_port_from $((REF_TCP + 1)))"
  REF_WS="$(free_port_from $((REF_TLS + 1)))"; REF_WSS="$(free_port_from $((REF_WS + 1)))"
  cat >"$dir/broker.yaml" <<Y
profile: $profile
listeners:
  tcp: {enabled: true, host: 127.0.0.1, port: $REF_TCP}
  tls: {enabled: true, host: 127.0.0.1, port: $REF_TLS}
  ws:  {enabled: true, host: 127.0.0.1, port: $REF_WS, path: /mqtt}
  wss: {enabled: true, host: 127.0.0.1, port: $REF_WSS, path: /mqtt}
tls: {self-signed: true}
store: {type: memory, path: $dir/data, fsync: false}
lmq:
  instance-id: lmq-suite
  groups: [GID_lmqsuite]
  parent-topics: [lmqsuite]
  allow-anonymous: true
Y
  java -jar "$BROKER_JAR" --config "$dir/broker.yaml" >"$dir/broker.log" 2>&1 &
  REF_PID=$!
  if ! wait_port "$REF_TCP" 60; then
    log "reference broker: did not listen on 127.0.0.1:$REF_TCP (see $dir/broker.log)"
    stop_reference
    return 1
  fi
}

stop_reference() { stop_pid "$REF_PID"; REF_PID=""; }

NAMES=()
# one_broker NAME ENV_VERSION [jvm -D...] -- [suite options...]
one_broker() {
  local name="$1" version="$2"; shift 2
  local dir="$MATRIX/brokers/$name"
  log "$name: running the conformance suite (log: $dir/run/suite.log)"
  local rc=0
  run_suite "$dir/run" "$@" || rc=$?
  if [ "$rc" = 2 ]; then
    log "$name: left out of the matrix (the suite could not run)"
    return 0
  fi
  log "$name: generating its Allure report"
  reports allure --results "$dir/run/allure-results" --out "$dir/allure" --name "$name compliance" \
    --env "broker=$name" --env "broker.version=$version" --env "git.commit=$(git_commit)" >&2
  NAMES+=("$name")
}

IFS=',' read -r -a WANT <<<"$BROKERS"
for b in ${WANT[@]+"${WANT[@]}"}; do
  case "$b" in
    bundled-mqtt311) one_broker bundled-mqtt311 "reference broker (harness $(git_commit))" -- --profile mqtt311 ;;
    bundled-lmq)     one_broker bundled-lmq "reference broker (harness $(git_commit))" -- --profile lmq ;;
    bundled-lite)    one_broker bundled-lite "reference broker (harness $(git_commit))" -- --profile lite ;;
    reference-lmq|reference-lite)
      profile="${b#reference-}"
      if ! start_reference "$MATRIX/brokers/$b/server" "$profile"; then
        log "$b: left out of the matrix (the broker did not start)"
        continue
      fi
      one_broker "$b" "reference broker jar (harness $(git_commit))" \
        "-Dlmq.url.ssl=ssl://127.0.0.1:$REF_TLS" "-Dlmq.url.ws=ws://127.0.0.1:$REF_WS/mqtt" "-Dlmq.url.wss=wss://127.0.0.1:$REF_WSS/mqtt" \
        -- --url "tcp://127.0.0.1:$REF_TCP" --profile "$profile" --group-id GID_lmqsuite --parent-topic lmqsuite
      stop_reference ;;
    mosquitto)
      if ! command -v mosquitto >/dev/null 2>&1; then
        log "mosquitto: not installed (apt-get install -y mosquitto); left out"
        continue
      fi
      if ! start_mosquitto "$MATRIX/brokers/mosquitto/server"; then
        log "mosquitto: left out of the matrix (it did not start)"
        continue
      fi
      jvm=("-Dlmq.url.ws=ws://127.0.0.1:$MOSQ_WS/mqtt")
      [ -n "$MOSQ_TLS_URL" ] && jvm+=("-Dlmq.url.ssl=$MOSQ_TLS_URL")
      one_broker mosquitto "$MOSQ_VERSION" "${jvm[@]}" -- --url "tcp://127.0.0.1:$MOSQ_TCP" --profile mqtt311
      stop_mosquitto ;;
    *) die "unknown built-in broker '$b' (bundled-mqtt311, bundled-lmq, bundled-lite, reference-lmq, reference-lite, mosquitto; others with --target)" ;;
  esac
done
for t in ${TARGETS[@]+"${TARGETS[@]}"}; do
  name="${t%%=*}"; rest="${t#*=}"
  [ "$name" != "$t" ] && [ -n "$name" ] || die "--target needs NAME=URL[@PROFILE], got '$t'"
  url="${rest%@*}"; profile=mqtt311
  [ "$url" != "$rest" ] && profile="${rest##*@}"
  one_broker "$name" "external" -- --url "$url" --profile "$profile"
done

[ ${#NAMES[@]} -gt 0 ] || die "no broker could be run"
ARGS=()
for n in "${NAMES[@]}"; do ARGS+=(--broker "$n=$MATRIX/brokers/$n"); done
reports matrix "${ARGS[@]}" --out "$MATRIX" --home ../index.html >&2
reports site "$OUT" >/dev/null
echo "Compliance matrix: $MATRIX/index.html"
echo "  JSON: $MATRIX/matrix.json"
echo "  (serve the site for the Allure links: java -jar reports/target/lmq-reports.jar serve $OUT)"
