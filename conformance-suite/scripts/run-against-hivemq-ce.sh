#!/usr/bin/env bash
# Runs the conformance suite against HiveMQ Community Edition (embedded, from Maven Central) on
# loopback: TCP 18830, TLS 18831, WebSocket 18833, WebSocket over TLS 18834, path /mqtt (PORT_BASE moves them);
# profiles $PROFILES (default "mqtt311 lmq"), a fresh broker for each. Reports: conformance-suite/target/peers/hivemq-ce/<profile>/
# The broker is scripts/peers/src/.../HiveMqCeMain.java run as a single-file program on the
# classpath of scripts/peers/pom.xml; its config.xml is written here.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ensure_jar
CP=$(peer_classpath hivemq-ce)
WORK=$(mktemp -d)
make_certificate "$WORK"
mkdir -p "$WORK/conf" "$WORK/data" "$WORK/extensions"
tls() {
    echo "<tls><keystore><path>$WORK/broker.jks</path><password>changeit</password>"
    echo "<private-key-password>changeit</private-key-password></keystore></tls>"
}
ws() {
    echo "<path>/mqtt</path><subprotocols><subprotocol>mqttv3.1</subprotocol><subprotocol>mqtt</subprotocol></subprotocols>"
    echo "<allow-extensions>true</allow-extensions>"
}
cat > "$WORK/conf/config.xml" <<XML
<?xml version="1.0"?>
<hivemq>
  <listeners>
    <tcp-listener><port>$PORT_TCP</port><bind-address>127.0.0.1</bind-address></tcp-listener>
    <tls-tcp-listener><port>$PORT_TLS</port><bind-address>127.0.0.1</bind-address>$(tls)</tls-tcp-listener>
    <websocket-listener><port>$PORT_WS</port><bind-address>127.0.0.1</bind-address>$(ws)</websocket-listener>
    <tls-websocket-listener><port>$PORT_WSS</port><bind-address>127.0.0.1</bind-address>$(ws)$(tls)</tls-websocket-listener>
  </listeners>
  <persistence><mode>in-memory</mode></persistence>
  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
</hivemq>
XML

start_broker() {
    start_java_peer "HiveMQ CE embedded" -cp "$CP" "$SCRIPTS/peers/src/dev/lmqharness/suite/peers/HiveMqCeMain.java" "$WORK/conf" "$WORK/data" "$WORK/extensions"
}

run_profiles hivemq-ce tcp://127.0.0.1:$PORT_TCP "${ALL_ENDPOINTS[@]}"
