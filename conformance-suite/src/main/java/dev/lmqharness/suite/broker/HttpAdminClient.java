package dev.lmqharness.suite.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The suite's client of the reference broker's admin HTTP API ({@code docs/admin-api.md}): tokens,
 * parent topics, message traces, and in test mode the clock. Used for the bundled broker (its admin
 * port and the token it was started with) and for any target named by {@code lmq.adminUrl}
 * (with {@code lmq.adminToken}). Every call carries {@code Authorization: Bearer <token>} and every
 * call but a GET {@code Content-Type: application/json}, as the reference broker requires.
 */
public final class HttpAdminClient implements TargetAdmin {

    /** Outcomes of a trace delivery that mean the client was handed the message. */
    private static final Set<String> DELIVERED = Set.of("PUSHED", "SENT", "ACKNOWLEDGED");

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final String instanceId;
    private final String token;

    private HttpAdminClient(URI base, Duration timeout, HttpClient http, String instanceId, String token) {
        this.base = base;
        this.timeout = timeout;
        this.http = http;
        this.instanceId = instanceId;
        this.token = token;
    }

    /** What {@code GET /api/v1/instance} says about the target. */
    public record InstanceInfo(String instanceId, String profile, boolean testMode, JsonNode limits) {
    }

    /**
     * Connects and reads the instance; a target whose admin API does not answer is unusable (one line).
     * {@code configuredInstanceId} (lmq.instanceId) must match the API's when given.
     *
     * @param token the admin API's bearer token ({@code lmq.adminToken}); {@code null} sends none
     */
    public static HttpAdminClient connect(URI base, Duration timeout, String configuredInstanceId, String token) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpAdminClient probe = new HttpAdminClient(base, timeout, http, configuredInstanceId, token);
        InstanceInfo info = probe.instance();
        if (configuredInstanceId != null && !configuredInstanceId.equals(info.instanceId())) {
            throw new TargetUnavailableException("admin API " + base + " manages instance '" + info.instanceId()
                    + "', but lmq.instanceId is '" + configuredInstanceId + "'");
        }
        return new HttpAdminClient(base, timeout, http, info.instanceId(), token);
    }

    public URI base() {
        return base;
    }

    public String instanceId() {
        return instanceId;
    }

    public InstanceInfo instance() {
        Answer a = call("GET", "/api/v1/instance", null);
        if (a.status == 401) {
            throw new TargetUnavailableException("admin API " + base + " refused the admin token: HTTP 401 " + a.errorText()
                    + (token == null ? " (set lmq.adminToken / --admin-token)" : " (check lmq.adminToken)"));
        }
        if (a.status != 200) {
            throw new TargetUnavailableException("admin API " + base + ": GET /api/v1/instance answered " + a.status + " " + a.errorText());
        }
        JsonNode n = a.body;
        return new InstanceInfo(n.path("instanceId").asText(null), n.path("profile").asText(null),
                n.path("testMode").asBoolean(false), n.path("limits"));
    }

    /** The test clock, when {@code GET /api/v1/test/clock} answers (the broker runs in test mode). */
    public Optional<TargetClock> clock() {
        Answer a = call("GET", "/api/v1/test/clock", null);
        if (a.status != 200) {
            return Optional.empty();
        }
        return Optional.of(by -> {
            ObjectNode body = json.createObjectNode().put("millis", by.toMillis());
            Answer r = call("POST", "/api/v1/test/clock/advance", body);
            requireSuccess(r, "advance the test clock");
        });
    }

    @Override
    public Instant now() {
        Answer a = call("GET", "/api/v1/instance", null);
        requireSuccess(a, "read the instance's time");
        return Instant.ofEpochMilli(a.body.path("time").asLong());
    }

    @Override
    public String applyToken(List<String> resources, String actions, Instant expireTime) {
        ObjectNode body = json.createObjectNode().put("instanceId", instanceId).put("actions", actions)
                .put("expireTime", expireTime.toEpochMilli());
        resources.forEach(body.putArray("resources")::add);
        Answer a = call("POST", "/api/v1/tokens/apply", body);
        requireSuccess(a, "apply for a token");
        return a.body.path("token").asText();
    }

    @Override
    public TokenStatus queryToken(String token) {
        Answer a = call("POST", "/api/v1/tokens/query", json.createObjectNode().put("instanceId", instanceId).put("token", token));
        requireSuccess(a, "query a token");
        JsonNode exp = a.body.get("expireTime");
        return new TokenStatus(a.body.path("valid").asBoolean(false),
                exp == null || exp.isNull() ? null : Instant.ofEpochMilli(exp.asLong()));
    }

    @Override
    public void revokeToken(String token) {
        Answer a = call("POST", "/api/v1/tokens/revoke", json.createObjectNode().put("instanceId", instanceId).put("token", token));
        requireSuccess(a, "revoke a token");
    }

    @Override
    public void createParentTopic(String name) {
        requireSuccess(call("POST", "/api/v1/topics", json.createObjectNode().put("topic", name)), "create parent topic " + name);
    }

    @Override
    public void deleteParentTopic(String name) {
        requireSuccess(call("DELETE", "/api/v1/topics/" + segment(name), null), "delete parent topic " + name);
    }

    @Override
    public List<MessageTrace> traces(String topic) {
        Answer a = call("GET", "/api/v1/messages?limit=1000&topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8), null);
        requireSuccess(a, "read message traces");
        List<MessageTrace> out = new ArrayList<>();
        for (JsonNode m : a.body.path("messages")) {
            Set<String> to = new LinkedHashSet<>();
            for (JsonNode d : m.path("deliveries")) {
                if (DELIVERED.contains(d.path("outcome").asText())) {
                    to.add(d.path("clientId").asText());
                }
            }
            out.add(new MessageTrace(m.path("messageId").asText(), m.path("publisherId").asText(null),
                    Instant.ofEpochMilli(m.path("publishTime").asLong()), List.copyOf(to)));
        }
        out.sort(Comparator.comparing(MessageTrace::publishTime).thenComparing(MessageTrace::messageId));
        return out;
    }

    // ---- HTTP ------------------------------------------------------------------------------

    private record Answer(int status, JsonNode body) {
        String errorText() {
            if (body == null) {
                return "";
            }
            String e = body.path("error").asText("");
            String rule = body.path("rule").asText("");
            String code = body.path("code").asText("");
            return e + (rule.isEmpty() ? "" : " [" + rule + "]") + (code.isEmpty() ? "" : " (" + code + ")");
        }
    }

    /** 4xx: the target refused (AdminException, a test may expect it); 5xx: a broken target. */
    private static void requireSuccess(Answer a, String what) {
        if (a.status >= 200 && a.status < 300) {
            return;
        }
        if (a.status >= 400 && a.status < 500) {
            throw new AdminException("the admin API refused to " + what + ": HTTP " + a.status + " " + a.errorText());
        }
        throw new IllegalStateException("the admin API failed to " + what + ": HTTP " + a.status + " " + a.errorText());
    }

    private Answer call(String method, String pathAndQuery, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout)
                .header("Accept", "application/json");
        try {
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            if (!method.equals("GET")) {
                b.header("Content-Type", "application/json"); // also on a bodiless DELETE: writes are JSON-only
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode parsed = null;
            if (r.body().length > 0) {
                try {
                    parsed = json.readTree(r.body());
                } catch (IOException notJson) {
                    parsed = json.createObjectNode().put("error", new String(r.body(), StandardCharsets.UTF_8).strip());
                }
            }
            return new Answer(r.statusCode(), parsed == null ? json.createObjectNode() : parsed);
        } catch (ConnectException e) {
            throw new TargetUnavailableException("admin API " + base + ": connection refused");
        } catch (HttpTimeoutException e) {
            throw new TargetUnavailableException("admin API " + base + ": no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new TargetUnavailableException("admin API " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the admin API", e);
        }
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
