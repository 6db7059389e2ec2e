#!/usr/bin/env bash
# Runs the conformance suite against Moquette 0.17 (embedded, from Maven Central) on loopback:
# TCP 18830, TLS 18831, WebSocket 18833, WebSocket over TLS 18834, path /mqtt (PORT_BASE moves them);
# profiles $PROFILES (default "mqtt311 lmq"), a fresh broker for each. Reports: conformance-suite/target/peers/moquette/<profile>/.
# The broker is scripts/peers/src/.../MoquetteMain.java run as a single-file program on the
# classpath of scripts/peers/pom.xml, with telemetry off and no persistence.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ensure_jar
CP=$(peer_classpath moquette)
WORK=$(mktemp -d)
make_certificate "$WORK"
cat > "$WORK/moquette.properties" <<PROPS
host=127.0.0.1
port=$PORT_TCP
ssl_port=$PORT_TLS
websocket_port=$PORT_WS
secure_websocket_port=$PORT_WSS
websocket_path=/mqtt
jks_path=$WORK/broker.jks
key_store_type=jks
key_store_password=changeit
key_manager_password=changeit
allow_anonymous=true
persistence_enabled=false
telemetry_enabled=false
PROPS
# Moquette logs through log4j 1.2 and has no configuration of its own: its warnings and the
# exceptions it catches (evidence for the verdicts) go to broker.log.
cat > "$WORK/log4j.properties" <<LOG
log4j.rootLogger=WARN, out
log4j.appender.out=org.apache.log4j.ConsoleAppender
log4j.appender.out.layout=org.apache.log4j.PatternLayout
log4j.appender.out.layout.ConversionPattern=%d{HH:mm:ss,SSS} %-5p [%t] %c{1} - %m%n
LOG

start_broker() {
    start_java_peer "Moquette" -Dlog4j.configuration="file:$WORK/log4j.properties" -cp "$CP" "$SCRIPTS/peers/src/dev/lmqharness/suite/peers/MoquetteMain.java" "$WORK/moquette.properties"
}

run_profiles moquette tcp://127.0.0.1:$PORT_TCP "${ALL_ENDPOINTS[@]}"
