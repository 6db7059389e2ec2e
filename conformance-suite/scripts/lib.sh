# Shared by the run-against-*.sh scripts: builds the suite jar, waits for ports, runs the suite
# against a peer broker once per profile and prints each run's counts and failures.
# Settings (environment): PROFILES (default "mqtt311 lmq"), OUT (report root, default
# conformance-suite/target/peers), MVN_FLAGS (default "-B -q"), REBUILD=1 to rebuild the jar.

SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SUITE=$(dirname "$SCRIPTS")
ROOT=$(dirname "$SUITE")
JAR="$SUITE/target/conformance-suite.jar"
PROFILES=${PROFILES:-"mqtt311 lmq"}
OUT=${OUT:-"$SUITE/target/peers"}
MVN_FLAGS=${MVN_FLAGS:-"-B -q"}
# Peer brokers listen on these loopback ports (one peer at a time).
PORT_TCP=18830
PORT_TLS=18831
PORT_WS=18833
PORT_WSS=18834

ensure_jar() {
    if [ ! -f "$JAR" ] || [ -n "${REBUILD:-}" ]; then
        echo "building $JAR"
        (cd "$ROOT" && ./mvnw $MVN_FLAGS -pl conformance-suite -am package -DskipTests)
    fi
}

# The classpath of scripts/peers/pom.xml (HiveMQ CE embedded, Moquette), resolved once.
peer_classpath() {
    local cp="$SUITE/target/peers/classpath.txt"
    if [ ! -s "$cp" ]; then
        mkdir -p "$(dirname "$cp")"
        (cd "$ROOT" && ./mvnw $MVN_FLAGS -f conformance-suite/scripts/peers/pom.xml dependency:build-classpath \
            -Dmdep.outputFile="$cp" >&2)
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
    java "$@" -jar "$JAR" --url "$url" --profile "$profile" "${lmq[@]}" --report-dir "$dir" > "$dir/run.log" 2>&1 || rc=$?
    if [ $rc -eq 2 ]; then
        echo "   run stopped: $(grep -av '^[0-9:. ]*\(WARN\|INFO\)' "$dir/run.log" | tail -n 1)"
        return 2
    fi
    echo "   $(grep -aE '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$dir/run.log" | tail -n 1)"
    grep -a '^FAIL ' "$dir/run.log" | sed 's/^/   /' || true
    return 0
}
