#!/usr/bin/env bash
# Runs the conformance suite against Eclipse Mosquitto (Debian package `mosquitto`) on loopback:
# TCP 18830, TLS 18831, WebSocket 18833, WebSocket over TLS 18834; profiles $PROFILES (default
# "mqtt311 lmq"). Reports: conformance-suite/target/peers/mosquitto/<profile>/.
#
# Mosquitto 2.0.11 binds WebSocket listeners to every interface whatever the listener line says
# (fixed in 2.0.12), so the broker and the suite run in a private network namespace whose only
# interface is loopback (`unshare -n`). Where that is not allowed, the WebSocket listeners are left out.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

if [ "${1:-}" != "--in-namespace" ]; then
    command -v mosquitto >/dev/null || { echo "mosquitto not installed (apt-get install -y mosquitto)" >&2; exit 2; }
    ensure_jar
    if unshare -n true 2>/dev/null; then
        exec unshare -n bash -c 'ip link set lo up && exec bash "$0" --in-namespace ws' "$0"
    fi
    echo "no private network namespace (unshare -n): WebSocket listeners left out" >&2
    exec bash "$0" --in-namespace no-ws
fi
WS=$2

WORK=$(mktemp -d)
chmod 755 "$WORK"            # mosquitto drops root for its own user, which must read the key
make_certificate "$WORK"
chmod 644 "$WORK"/*.pem
{
    echo "per_listener_settings false"
    echo "allow_anonymous true"
    echo "persistence false"
    echo "log_dest stdout"
    echo "listener $PORT_TCP 127.0.0.1"
    echo "listener $PORT_TLS 127.0.0.1"
    echo "certfile $WORK/cert.pem"
    echo "keyfile $WORK/key.pem"
    if [ "$WS" = ws ]; then
        echo "listener $PORT_WS 127.0.0.1"
        echo "protocol websockets"
        echo "listener $PORT_WSS 127.0.0.1"
        echo "protocol websockets"
        echo "certfile $WORK/cert.pem"
        echo "keyfile $WORK/key.pem"
    fi
} > "$WORK/mosquitto.conf"

mosquitto -c "$WORK/mosquitto.conf" > "$WORK/mosquitto.log" 2>&1 &
BROKER=$!
trap 'kill $BROKER 2>/dev/null; wait $BROKER 2>/dev/null; rm -rf "$WORK"' EXIT
wait_port $PORT_TCP 20
wait_port $PORT_TLS 20
echo "mosquitto $(mosquitto -h 2>/dev/null | head -n 1 | awk '{print $3}') running (pid $BROKER)"

ENDPOINTS=(-Dlmq.url.ssl=ssl://127.0.0.1:$PORT_TLS)
if [ "$WS" = ws ]; then
    wait_port $PORT_WS 20
    ENDPOINTS+=(-Dlmq.url.ws=ws://127.0.0.1:$PORT_WS/mqtt -Dlmq.url.wss=wss://127.0.0.1:$PORT_WSS/mqtt)
fi
status=0
for profile in $PROFILES; do
    run_suite mosquitto "$profile" tcp://127.0.0.1:$PORT_TCP "${ENDPOINTS[@]}" || status=$?
done
cp "$WORK/mosquitto.log" "$OUT/mosquitto/broker.log"
exit $status
