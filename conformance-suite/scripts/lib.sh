# Shared by the run-against-*.sh scripts: builds the suite jar, waits for ports, runs the suite
# against a peer broker once per profile and prints each run's counts and failures.
# Settings (environment): PROFILES (default "mqtt311 lmq"), PORT_BASE (default 18830), OUT (report root, default
# conformance-suite/target/peers), SUITE_ARGS (more jar options), MVN_FLAGS (default "-B -q"),
# REBUILD=1 to rebuild the jar.

SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SUITE=$(dirname "$SCRIPTS")
ROOT=$(dirname "$SUITE")
JAR="$SUITE/target/conformance-suite.jar"
PROFILES=${PROFILES:-"mqtt311 lmq"}
OUT=${OUT:-"$SUITE/target/peers"}
MVN_FLAGS=${MVN_FLAGS:-"-B -q"}
# Peer brokers listen on these loopback ports (one peer at a time); PORT_BASE=18835 moves them to
# 18835, 18836, 18838, 18839 when another program holds the defaults.
PORT_BASE=${PORT_BASE:-18830}
PORT_TCP=$PORT_BASE
PORT_TLS=$((PORT_BASE + 1))
PORT_WS=$((PORT_BASE + 3))
PORT_WSS=$((PORT_BASE + 4))
for port in $PORT_TCP $PORT_TLS $PORT_WS $PORT_WSS; do
    if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
        echo "127.0.0.1:$port is taken by another program; set PORT_BASE (e.g. PORT_BASE=18835)" >&2
        exit 2
    fi
done

ensure_jar() {
    if [ ! -f "$JAR" ] || [ -n "${REBUILD:-}" ]; then
        echo "building $JAR"
        (cd "$ROOT" && ./mvnw $MVN_FLAGS -pl conformance-suite -am package -DskipTests)
    fi
}

# peer_classpath PEER (hivemq-ce, moquette): the peer's own classpath from scripts/peers/pom.xml,
# at the version the parent pom manages (property PEER.version), resolved once.
peer_classpath() {
    local peer=$1 cp="$SUITE/target/peers/$1.classpath"
    local version
    version=$(sed -n "s:.*<$peer.version>\(.*\)</$peer.version>.*:\1:p" "$ROOT/pom.xml" | head -n 1)
    if [ -z "$version" ]; then
        echo "no <$peer.version> property in $ROOT/pom.xml" >&2
        return 2
    fi
    if [ ! -s "$cp" ]; then
        mkdir -p "$(dirname "$cp")"
        (cd "$ROOT" && ./mvnw $MVN_FLAGS -f conformance-suite/scripts/peers/pom.xml -P "$peer" -D"$peer.version=$version" \
            dependency:build-classpath -Dmdep.outputFile="$cp" >&2)
    fi
    cat "$cp"
}

# wait_port PORT SECONDS: true once 127.0.0.1:PORT accepts a connection.
wait_port() {
    local port=$1 deadline=$((SECONDS + $2))
    while [ $SECONDS -lt $deadline ]; do
        if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
            return 0
        fi
        sleep 0.2
    done
    echo "nothing listens on 127.0.0.1:$port after $2 s" >&2
    return 1
}

# A self-signed certificate for 127.0.0.1 in DIR: cert.pem, key.pem and a JKS key store (password changeit).
make_certificate() {
    local dir=$1
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" -days 2 \
        -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" 2>/dev/null
    keytool -genkeypair -keystore "$dir/broker.jks" -storetype JKS -storepass changeit -keypass changeit \
        -alias broker -keyalg RSA -keysize 2048 -validity 2 -dname "CN=127.0.0.1" -ext "SAN=ip:127.0.0.1" 2>/dev/null
}

# run_suite PEER PROFILE URL [java -D options...]: one suite run, reports in $OUT/PEER/PROFILE.
run_suite() {
    local peer=$1 profile=$2 url=$3
    shift 3
    local dir="$OUT/$peer/$profile"
    rm -rf "$dir"
    mkdir -p "$dir"
    local lmq=()
    if [ "$profile" != mqtt311 ]; then
        lmq=(--group-id GID_lmqsuite --parent-topic lmqsuite)
    fi
    echo "== $peer, profile $profile: $url (reports in $dir)"
    local rc=0
    # SUITE_ARGS: more options for the jar, e.g. SUITE_ARGS="--exclude WillTest.willQos3IsRefused".
    # shellcheck disable=SC2086
    java "$@" -jar "$JAR" --url "$url" --profile "$profile" "${lmq[@]}" --report-dir "$dir" ${SUITE_ARGS:-} \
        > "$dir/run.log" 2>&1 || rc=$?
    if [ $rc -eq 2 ]; then
        echo "   run stopped: $(grep -av '^[0-9:. ]*\(WARN\|INFO\)' "$dir/run.log" | tail -n 1)"
        return 2
    fi
    echo "   $(grep -aE '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$dir/run.log" | tail -n 1)"
    grep -a '^FAIL ' "$dir/run.log" | sed 's/^/   /' || true
    return 0
}

# run_profiles PEER URL [java -D options...]: for each profile a fresh broker (start_broker and
# stop_broker, defined by the script: one run must not inherit what another did to the broker),
# then one suite run. Returns 2 if a run could not start, else 0.
run_profiles() {
    local peer=$1 url=$2 status=0
    shift 2
    for profile in $PROFILES; do
        start_broker
        run_suite "$peer" "$profile" "$url" "$@" || status=$?
        stop_broker
        cp "$WORK/broker.log" "$OUT/$peer/$profile/broker.log" 2>/dev/null || true
    done
    return $status
}

# start_java_peer NAME JAVA_ARGS...: an embedded peer (a single-file Java program) in the background,
# its output in $WORK/broker.log; returns once all four listeners accept connections.
start_java_peer() {
    local name=$1
    shift
    rm -rf "$WORK/data" && mkdir -p "$WORK/data"
    java "$@" > "$WORK/broker.log" 2>&1 &
    BROKER=$!
    for p in $PORT_TCP $PORT_TLS $PORT_WS $PORT_WSS; do
        wait_port "$p" 120 || { tail -n 30 "$WORK/broker.log" >&2; exit 2; }
    done
    echo "$name running (pid $BROKER)"
}

# The suite's -D options for a peer with all four listeners (WebSocket path /mqtt).
ALL_ENDPOINTS=(-Dlmq.url.ssl=ssl://127.0.0.1:$PORT_TLS -Dlmq.url.ws=ws://127.0.0.1:$PORT_WS/mqtt
               -Dlmq.url.wss=wss://127.0.0.1:$PORT_WSS/mqtt)

# The broker's pid, stopped on any exit of the script (also on Ctrl-C or kill).
BROKER=""
stop_broker() {
    if [ -n "$BROKER" ]; then
        kill "$BROKER" 2>/dev/null || true
        wait "$BROKER" 2>/dev/null || true
        BROKER=""
    fi
}
cleanup() {
    stop_broker
    if [ -n "${WORK:-}" ]; then
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
