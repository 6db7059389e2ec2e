#!/usr/bin/env bash
# The steady 20-msg/s fleet against the reference broker and two peers (Eclipse Mosquitto from
# the Debian package, HiveMQ CE embedded), one broker process at a time, all on 127.0.0.1.
#
#   load/bench/steady-vs-peers.sh            # from the repository root, after building the jars:
#   ./mvnw -B -q -pl reference-broker,load -am package -DskipTests -Pbench
#
# Settings (environment): CLIENTS="1000 2000 5000"  BROKERS="reference mosquitto hivemq"
#   REPEATS=1  DURATION=50s  RAMP=10s  QOS=1  PORT=18831  OUT=load/target/bench/<time>
#   REF_STORE=memory (or rocksdb)  CLEAN_SESSION=true (false: persistent sessions, so the reference
#   broker keeps each QoS 1 message in its durable store until acknowledged)  PLAIN=1 (also run PlainClientLoop at each size, on Mosquitto)
#
# Each run: start the broker, wait for its port, run SteadyFleetSimulation with -Dmqtt.url and
# -Dbroker.pid (so the simulation measures the broker's CPU and RSS over the same steady window
# as its own: from 5 s after the ramp to 5 s before the first client stops publishing), keep summary.json, stop the broker.
# Results: $OUT/<broker>-<clients>-r<k>/summary.json, $OUT/results.tsv, $OUT/table.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
CLIENTS=${CLIENTS:-"1000 2000 5000"}
BROKERS=${BROKERS:-"reference mosquitto hivemq"}
REPEATS=${REPEATS:-1}
DURATION=${DURATION:-50s}
RAMP=${RAMP:-10s}
QOS=${QOS:-1}
BASE_PORT=${PORT:-18831}
PORT=$BASE_PORT
REF_STORE=${REF_STORE:-memory}
CLEAN_SESSION=${CLEAN_SESSION:-true}
PLAIN=${PLAIN:-0}
OUT=${OUT:-load/target/bench/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

REF_JAR=reference-broker/target/reference-broker.jar
[ -f "$REF_JAR" ] || { echo "missing $REF_JAR: build first (see the header)" >&2; exit 1; }
[ -d load/target/test-classes ] || { echo "missing load/target/test-classes: build first" >&2; exit 1; }
command -v mosquitto >/dev/null || { echo "mosquitto not installed: apt-get install -y mosquitto" >&2; exit 1; }

# The load module's test class path, resolved in the reactor (so the reference broker is this
# checkout's jar; nothing is installed in ~/.m2).
if [ ! -s load/target/bench-classpath.txt ]; then
  ./mvnw -B -q -Pbench -pl reference-broker,load -am package dependency:build-classpath -DskipTests \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
fi
DEPS=$(cat load/target/bench-classpath.txt)
GEN_CP="$ROOT/load/target/test-classes:$ROOT/load/target/classes:$DEPS"
# HiveMQ CE needs JCTools 4 (the HiveMQ client on the generator's path pins 2.1.2): its own JVM, its own jar.
JCTOOLS4=$(find ~/.m2/repository/org/jctools/jctools-core/4.0.5 -name 'jctools-core-4.0.5.jar' | head -1)
PEER_CP=$(echo "$GEN_CP" | sed 's#[^:]*/jctools-core-2\.1\.2\.jar#'"$JCTOOLS4"'#')

GEN_JVM=(-Xms1g -Xmx2g -XX:+UseG1GC --add-opens=java.base/java.lang=ALL-UNNAMED)
BROKER_PID=

wait_port() {
  for _ in $(seq 1 120); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "broker did not open 127.0.0.1:$PORT" >&2
  return 1
}

port_in_use() {
  ss -Hltn "sport = :$1" | grep -q .
}

pick_port() { # the first free port from $PORT on: other jobs on this machine may hold one
  local p=$BASE_PORT
  while port_in_use "$p"; do p=$((p + 1)); done
  PORT=$p
}

start_broker() { # $1 = broker, $2 = run dir
  local b=$1 dir=$2
  pick_port
  case "$b" in
    reference)
      local extra=(--store "$REF_STORE")
      [ "$REF_STORE" = rocksdb ] && extra+=(--data-dir "$dir/ref-data")
      java -Xms512m -Xmx2g -jar "$REF_JAR" --tcp-port "$PORT" --host 127.0.0.1 "${extra[@]}" \
        >"$dir/broker.log" 2>&1 &
      ;;
    mosquitto)
      # Defaults kept: max_inflight_messages 20, max_queued_messages 1000, no persistence.
      printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_connections -1\npersistence false\nlog_dest stdout\nlog_type error\nlog_type warning\n' \
        "$PORT" >"$dir/mosquitto.conf"
      mosquitto -c "$dir/mosquitto.conf" >"$dir/broker.log" 2>&1 &
      ;;
    hivemq)
      java -Xms512m -Xmx2g -cp "$PEER_CP" dev.lmqharness.load.peers.HiveMqCePeer "$PORT" "$dir/hivemq" \
        >"$dir/broker.log" 2>&1 &
      ;;
    *) echo "unknown broker $b" >&2; exit 64 ;;
  esac
  BROKER_PID=$!
  wait_port
  # A broker that lost the port to another process exits at once: never measure someone else's.
  sleep 1
  if ! kill -0 "$BROKER_PID" 2>/dev/null; then
    echo "$b did not stay up on port $PORT (see $dir/broker.log)" >&2
    return 1
  fi
  echo "$PORT" >"$dir/port"
}

stop_broker() {
  if [ -n "$BROKER_PID" ] && kill -0 "$BROKER_PID" 2>/dev/null; then
    kill "$BROKER_PID"
    for _ in $(seq 1 40); do kill -0 "$BROKER_PID" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$BROKER_PID" 2>/dev/null || true
  fi
  wait "$BROKER_PID" 2>/dev/null || true
  BROKER_PID=
}
trap stop_broker EXIT

run_point() { # $1 = broker, $2 = clients, $3 = repeat
  local b=$1 n=$2 r=$3 dir="$OUT/$1-$2-r$3"
  mkdir -p "$dir"
  echo "== $(date -u +%T) $b, $n clients, run $r (load $(cut -d' ' -f1 /proc/loadavg))"
  start_broker "$b" "$dir" || { stop_broker; return 0; }
  local rc=0
  java "${GEN_JVM[@]}" -cp "$GEN_CP" \
    -Dmqtt.url="tcp://127.0.0.1:$PORT" -Dbroker.pid="$BROKER_PID" \
    -Dclients="$n" -Drate=20 -Dqos="$QOS" -Dduration="$DURATION" -Dramp="$RAMP" \
    -Dmqtt.cleanSession="$CLEAN_SESSION" -Dresults.dir="$dir" \
    io.gatling.app.Gatling --simulation dev.lmqharness.load.simulations.SteadyFleetSimulation \
    --results-folder "$dir/gatling" --no-reports >"$dir/gatling.log" 2>&1 || rc=$?
  echo "$rc" >"$dir/gatling.rc"
  grep -E "lmq-load steady cpu|Global:|failed" "$dir/gatling.log" | head -5 || true
  stop_broker
}

run_plain() { # $1 = clients, $2 = repeat: the bare HiveMQ-client loop on Mosquitto
  local n=$1 r=$2 dir="$OUT/plain-mosquitto-$1-r$2"
  mkdir -p "$dir"
  echo "== $(date -u +%T) plain client loop on mosquitto, $n clients, run $r"
  start_broker mosquitto "$dir" || { stop_broker; return 0; }
  java "${GEN_JVM[@]}" -cp "$GEN_CP" -Dmqtt.url="tcp://127.0.0.1:$PORT" -Dclients="$n" -Drate=20 \
    -Dqos="$QOS" -Dduration="$DURATION" -Dramp="$RAMP" dev.lmqharness.load.bench.PlainClientLoop \
    >"$dir/plain.log" 2>&1 || echo "plain loop exit $?" >>"$dir/plain.log"
  grep plain-client-loop "$dir/plain.log" || true
  stop_broker
}

{
  echo "# $(date -u) on $(nproc) cores; $(java -version 2>&1 | head -1); $(mosquitto -h 2>/dev/null | head -1)"
  echo "# CLIENTS=$CLIENTS BROKERS=$BROKERS REPEATS=$REPEATS DURATION=$DURATION RAMP=$RAMP QOS=$QOS REF_STORE=$REF_STORE CLEAN_SESSION=$CLEAN_SESSION"
} >"$OUT/run-info.txt"

for n in $CLIENTS; do
  for r in $(seq 1 "$REPEATS"); do
    for b in $BROKERS; do
      run_point "$b" "$n" "$r"
    done
    if [ "$PLAIN" = 1 ]; then run_plain "$n" "$r"; fi
  done
done

python3 "$ROOT/load/bench/steady-table.py" "$OUT" | tee "$OUT/table.md"
