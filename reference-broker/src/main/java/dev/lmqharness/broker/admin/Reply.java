package dev.lmqharness.broker.admin;

import java.nio.charset.StandardCharsets;

/** What an endpoint answers: status, content type and body (empty for 204). */
record Reply(int status, String contentType, byte[] body) {

    static final String JSON = "application/json; charset=utf-8";
    /** The Prometheus text exposition format. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    static Reply ok(Object body) {
        return json(200, body);
    }

    static Reply created(Object body) {
        return json(201, body);
    }

    static Reply json(int status, Object body) {
        return new Reply(status, JSON, AdminJson.write(body));
    }

    static Reply noContent() {
        return new Reply(204, null, new byte[0]);
    }

    static Reply text(String contentType, String text) {
        return new Reply(200, contentType, text.getBytes(StandardCharsets.UTF_8));
    }
}
